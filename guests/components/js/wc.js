// wc as a typed main written in JavaScript (componentize-js): lines, words and bytes of each
// input, then a total when there is more than one, as guests/components/wc.wat prints them: each
// count right-aligned to the width of the total byte count, without names (a stream has none).
// Words as GNU wc 9 counts them in the C locale: a printable byte starts a word; space, \t, \n,
// \v, \f and \r end one; any other byte does neither. An input that fails is counted up to the
// failure, and main then throws, which is err.

function count(input) {
  let lines = 0;
  let words = 0;
  let bytes = 0;
  let inWord = false;
  let failed = false;
  for (;;) {
    let chunk;
    try {
      chunk = input.blockingRead(65536n);
    } catch (e) {
      // closed is the end; last-operation-failed is a failure
      failed = e.payload === undefined || e.payload.tag !== "closed";
      break;
    }
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === 10) {
        lines++;
      }
      if (c === 32 || (c >= 9 && c <= 13)) {
        inWord = false;
      } else if (!inWord && c >= 33 && c <= 126) {
        words++;
        inWord = true;
      }
    }
    bytes += chunk.length;
  }
  return { counts: [lines, words, bytes], failed };
}

export function main(inputs, output) {
  const rows = [];
  const total = [0, 0, 0];
  let failed = false;
  for (const input of inputs) {
    const r = count(input);
    rows.push(r.counts);
    r.counts.forEach((n, i) => (total[i] += n));
    failed = failed || r.failed;
  }
  const width = String(total[2]).length;
  const line = (counts) => counts.map((n) => String(n).padStart(width)).join(" ");
  let text = rows.map((r) => line(r) + "\n").join("");
  if (rows.length > 1) {
    text += line(total) + " total\n";
  }
  output.blockingWriteAndFlush(new TextEncoder().encode(text));
  if (failed) {
    throw new Error("an input failed");
  }
}
