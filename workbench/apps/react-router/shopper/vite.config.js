import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// PORT lets `yarn start` (vite preview) run beside other apps.
export default defineConfig({
  plugins: [react()],
  preview: {
    port: Number(process.env.PORT) || 4173,
    strictPort: true,
  },
});
