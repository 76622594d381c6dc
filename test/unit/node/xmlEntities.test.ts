import { decodeEntities, entityText } from "../../../src/node/xmlEntities";

describe("entityText", () => {
  it.each([
    ["lt", "<"],
    ["gt", ">"],
    ["amp", "&"],
    ["quot", '"'],
    ["apos", "'"],
    ["#65", "A"],
    ["#x41", "A"],
    ["#x1EA1", "ạ"],
    ["#7841", "ạ"],
    ["#x1F600", "😀"],
    ["#x10FFFF", "\u{10FFFF}"],
  ])("&%s; → %j", (name, text) => {
    expect(entityText(name)).toBe(text);
  });

  it.each(["nbsp", "", "#", "#x", "#xZZ", "#x110000", "#99999999", "#123456789", "LT", "#-1"])(
    "&%s; is not an entity it knows",
    (name) => {
      expect(entityText(name)).toBeUndefined();
    },
  );
});

describe("decodeEntities (lenient)", () => {
  it.each([
    ["Kế hoạch", "Kế hoạch"],
    ["A &amp; B", "A & B"],
    ["&lt;img src=x&gt;", "<img src=x>"],
    ["Qu&#253; IV", "Quý IV"],
    ["&#x110000;", "\ufffd"],
    ["&nbsp;", "&nbsp;"],
    ["a & b", "a & b"],
    ["&amp;amp;", "&amp;"],
  ])("%j → %j", (raw, text) => {
    expect(decodeEntities(raw)).toBe(text);
  });
});
