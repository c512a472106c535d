/**
 * cookiecutter copies a file unrendered when binaryornot calls it binary. binaryornot weighs the
 * first 1024 bytes and asks chardet, so only the clear cases are decided here; the rest is `unsure`.
 */
export function classifyBytes(bytes: Buffer): 'text' | 'binary' | 'unsure' {
  const chunk = bytes.subarray(0, 1024);
  if (chunk.length === 0) return 'text';
  let valid = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    valid = false;
  }
  let notPrintableAscii = 0;
  let badControl = false;
  for (const byte of chunk) {
    const control = byte < 32 && ![8, 9, 10, 12, 13].includes(byte);
    if (control) badControl = true;
    if (control || byte >= 127) notPrintableAscii++;
  }
  // Not "likely binary" (under 30% non-printable), no NUL or 0xFF: binaryornot says text.
  if (valid && !badControl && notPrintableAscii / chunk.length <= 0.3) return 'text';
  const bom = chunk[0] === 0xff || chunk[0] === 0xfe || (chunk[0] === 0 && chunk[1] === 0);
  if (!valid && chunk.includes(0) && !bom) return 'binary';
  return 'unsure';
}
