/**
 * First port of a random block of `width` ports for a test's port range. Blocks lie between
 * 10000 and 32767: below Linux's ephemeral range (32768-60999), where the kernel picks the local
 * port of every outgoing connection, so a client socket of a concurrent test cannot take a port
 * the test expects to be free.
 */
export function randomTestPortBase(width: number): number {
  const first = 10_000;
  const blocks = Math.floor((32_768 - first) / width);
  return first + Math.floor(Math.random() * blocks) * width;
}
