/** getMe, getChat and the bot's command list. */
import type { BotCommand, ChatFullInfo, UserFromGetMe } from "grammy/types";
import { knownChat } from "../chats";
import { badRequest } from "../errors";
import { getMeResult } from "../telegram-objects";
import type { MethodContext } from "./context";

export const getMe = ({ bot }: MethodContext): UserFromGetMe => getMeResult(bot);

const NO_GIFTS = {
  unlimited_gifts: false,
  limited_gifts: false,
  unique_gifts: false,
  premium_subscription: false,
  gifts_from_channels: false,
};

export function getChat({ bot, params }: MethodContext): ChatFullInfo {
  const { chat } = knownChat(bot, params.chatId());
  const common = { accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: NO_GIFTS };
  return chat.type === "private" ? { ...chat, ...common } : { ...chat, ...common };
}

export function setMyCommands({ core, bot, params }: MethodContext): true {
  const commands = params.json("commands");
  if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
  if (commands.length > 100) throw badRequest("BOT_COMMANDS_TOO_MUCH");
  for (const command of commands as Partial<BotCommand>[]) {
    if (typeof command?.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command.command))
      throw badRequest("BOT_COMMAND_INVALID");
    if (typeof command.description !== "string" || command.description.length < 1 || command.description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
  }
  bot.commands = (commands as BotCommand[]).map(({ command, description }) => ({ command, description }));
  core.changed();
  return true;
}

export const getMyCommands = ({ bot }: MethodContext): BotCommand[] => bot.commands;

export function deleteMyCommands({ core, bot }: MethodContext): true {
  bot.commands = [];
  core.changed();
  return true;
}
