import { describe, expect, it } from "vitest";
import { cutText, truncateText, validOrDropped } from "./bound-text";

describe("bounding an update's strings", () => {
  it("cuts after `max` code points, keeping a surrogate pair whole", () => {
    expect(truncateText("abc", 3)).toBe("abc");
    expect(truncateText("abcd", 3)).toBe("abc");
    // "😀" is two UTF-16 units and one character: three of them fit in 3, though their length is 6.
    expect(truncateText("😀😀😀", 3)).toBe("😀😀😀");
    expect(truncateText("ab😀c", 3)).toBe("ab😀");
    expect(truncateText("ab😀c", 2)).toBe("ab");
    expect(truncateText("😀".repeat(10), 4).isWellFormed()).toBe(true);
  });

  it("cleans before cutting, so the result is always text PostgreSQL accepts", () => {
    expect(cutText(4).parse("a\u0000b\ud800cdef")).toBe("ab\ufffdc");
  });

  it("drops an identifier that is empty, too long or outside its alphabet instead of cutting it", () => {
    const username = validOrDropped(5, /^[a-z]+$/);
    expect(username.parse("abcde")).toBe("abcde");
    expect(username.parse("abcdef")).toBeUndefined();
    expect(username.parse("ab cd")).toBeUndefined();
    expect(username.parse("\u0000")).toBeUndefined();
    expect(validOrDropped(2).parse("😀😀")).toBe("😀😀");
  });
});
