import { SiteHeader } from '@/components/SiteHeader';
import { SiteFooter } from '@/components/SiteFooter';
import './globals.css';

export const metadata = {
  title: { default: 'Nimbus — hosting for busy teams', template: '%s · Nimbus' },
  description: 'A SaaS marketing site and dashboard on the Next.js 15 App Router.',
};

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        {children}
        <SiteFooter />
      </body>
    </html>
  );
}
