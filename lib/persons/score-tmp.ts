import { scoreNames, prepareName, MATCH_THRESHOLD, CANDIDATE_THRESHOLD } from "@/lib/persons/matching";
const pairs = process.argv.slice(2);
console.log("thresholds", MATCH_THRESHOLD, CANDIDATE_THRESHOLD);
for (let i = 0; i < pairs.length; i += 2) {
  const r = scoreNames(pairs[i], pairs[i + 1]);
  console.log(pairs[i], "|", pairs[i + 1], r.score.toFixed(3), r.reasons.map((x) => x.code).join(","));
  console.log("  ", prepareName(pairs[i]).tokens, prepareName(pairs[i + 1]).tokens, prepareName(pairs[i]).keys.filter(k=>prepareName(pairs[i+1]).keys.includes(k)));
}
