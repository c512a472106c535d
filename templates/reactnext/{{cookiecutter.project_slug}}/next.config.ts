import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Database drivers and the mailer stay plain Node modules: PGlite loads its WebAssembly from its own files.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'nodemailer'],
};

export default nextConfig;
