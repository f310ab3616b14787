// api-smart-diff over [before, after] pairs read as JSON from stdin; prints one list of classified
// changes per pair. scripts/spec_diff.py drives it to compare that differ's verdicts with ours.
import { apiCompare } from "api-smart-diff";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(([before, after]) =>
    apiCompare(before, after).diffs.map((d) => ({
      type: d.type,
      action: d.action,
      path: d.path,
      description: d.description ?? "",
    })),
  );
  process.stdout.write(JSON.stringify(out));
});
