// https://nuxt.com/docs/api/configuration/nuxt-config
import tailwindcss from '@tailwindcss/vite';

export default defineNuxtConfig({
  compatibilityDate: '2026-03-01',
  devtools: { enabled: false },
  telemetry: false,
  css: ['~/assets/css/main.css'],
  app: {
    head: {
      htmlAttrs: { lang: 'en' },
      link: [{ rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }],
    },
  },
  vite: {
    plugins: [tailwindcss()],
    build: {
      rollupOptions: {
        // Nuxt's module-preload polyfill and Tailwind's CSS step hand back no source map, and Rollup
        // warns about maps of the browser bundle, which this build does not write (sourcemap.client is off).
        onwarn(warning, warn) {
          if (warning.code !== 'SOURCEMAP_BROKEN') warn(warning);
        },
      },
    },
  },
  nitro: {
    // PGlite reads its WebAssembly and data files from its own folder at run time: it must stay a
    // package of its own in .output/server/node_modules (Nitro traces it there), never a bundled chunk.
    externals: { external: ['@electric-sql/pglite'] },
  },
  typescript: { strict: true },
  devServer: { port: {{ cookiecutter.port }} },
});
