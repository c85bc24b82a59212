/** Fills `{name}` placeholders in a rule message; an unknown placeholder stays as written. */
export function formatMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => data[key] ?? whole);
}
