export interface InstanceofCheck {
  file: string;
  line: number;
  errorClass: string;
}
export function findFactoryErrorInstanceofChecks(baseDir: string): InstanceofCheck[];
