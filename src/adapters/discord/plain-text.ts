/**
 * Article and question text shown in Discord as exactly what it says: markdown (`[label](https://...)`, `# heading`,
 * `||spoiler||`, `**bold**`, `> quote`, `` `code` ``) is backslash-escaped, and bare URLs get an invisible break so
 * they are not turned into links. Only sitrep's own source links are links.
 */
export function discordPlainText(text: string): string {
  return text
    .replace(/[\\*_~`|[\]()<>#-]/g, (ch) => `\\${ch}`)
    .replace(/\b(https?):\/\//gi, '$1:\u200b//')
    // sitrep's own citation markers stay as they are: "[2]" alone is no link, and the trimmer keeps them with their sentence
    .replace(/\\\[(\d+)\\\]/g, '[$1]');
}
