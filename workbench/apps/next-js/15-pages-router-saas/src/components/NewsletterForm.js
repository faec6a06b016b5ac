import { useState } from 'react';

import styles from './NewsletterForm.module.css';

export function NewsletterForm() {
  const [message, setMessage] = useState('');

  async function onSubmit(event) {
    event.preventDefault();
    const email = new FormData(event.currentTarget).get('email');
    const res = await fetch('/api/newsletter', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    const body = await res.json();
    setMessage(res.ok ? (body.new ? 'Subscribed. Welcome!' : 'You were already subscribed.') : body.error);
  }

  return (
    <form className={styles.form} onSubmit={onSubmit}>
      <input className={styles.input} type="email" name="email" placeholder="you@company.com" required />
      <button className={styles.button} type="submit">
        Get updates
      </button>
      {message && <p className={styles.message}>{message}</p>}
    </form>
  );
}
