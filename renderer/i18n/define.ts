/**
 * A message catalogue for one part of the UI: zh-CN is the source of keys and
 * the en table must have exactly the same keys (the type checker enforces it).
 */
export function defineMessages<const K extends string>(
  zh: Record<K, string>,
  en: Record<NoInfer<K>, string>,
): { 'zh-CN': Record<K, string>; en: Record<K, string> } {
  return { 'zh-CN': zh, en };
}
