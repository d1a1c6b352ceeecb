/**
 * @module share-fragment
 * Whether an address's fragment is a share link, told without decoding it:
 * the page's first script asks before the codec has loaded.
 */

/** True when a fragment looks like a share link (of any version). */
export function isShareFragment(fragment: string): boolean {
  return /^#?v\d+\./.test(fragment);
}
