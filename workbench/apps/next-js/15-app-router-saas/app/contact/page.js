import { ContactForm } from '@/components/ContactForm';

export const metadata = { title: 'Contact sales' };

export default function ContactPage() {
  return (
    <main className="section narrow">
      <h1>Talk to sales</h1>
      <p>Tell us about your team and we will get back within one business day.</p>
      <ContactForm />
    </main>
  );
}
