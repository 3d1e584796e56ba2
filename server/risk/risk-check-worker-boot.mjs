// Entry of the risk check worker thread: teaches this thread TypeScript (tsx), then loads the worker.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
