// Reads an AsyncAPI document from a URL with @asyncapi/parser (which validates it against the
// specification and its rules, and resolves its $refs), then prints what the document lists as JSON:
// {diagnostics: [...], channels: {address: [message names]}, payloadTitles: {message name: title}}.
// Exits 2 when the parser could not produce a document at all.
import { Parser, fromURL } from '@asyncapi/parser';

const { document, diagnostics } = await fromURL(new Parser(), process.argv[2]).parse();
const report = {
  diagnostics: diagnostics.map(d => ({ severity: d.severity, code: d.code, path: d.path.join('/'), message: d.message })),
};
if (document) {
  report.channels = Object.fromEntries(
    document.channels().all().map(channel => [channel.address(), channel.messages().all().map(m => m.name())]));
  report.payloadTitles = Object.fromEntries(
    document.messages().all().map(m => [m.name(), m.payload()?.title() ?? null]));
}
console.log(JSON.stringify(report));
process.exit(document ? 0 : 2);
