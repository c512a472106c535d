import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Database drivers stay plain Node modules: PGlite loads its WebAssembly from its own files.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
};

export default nextConfig;
