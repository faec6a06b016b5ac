import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// PORT lets `pnpm start` (vite preview) run beside other apps.
export default defineConfig({
  plugins: [vue()],
  preview: {
    port: Number(process.env.PORT) || 4173,
    strictPort: true,
  },
});
