'use client';

import { useState } from 'react';

export function ContactForm() {
  const [status, setStatus] = useState({ state: 'idle' });

  async function onSubmit(event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setStatus({ state: 'sending' });
    const res = await fetch('/api/contact', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: form.get('email'), message: form.get('message') }),
    });
    const body = await res.json();
    setStatus(res.ok ? { state: 'sent', ticket: body.ticket } : { state: 'error', error: body.error });
  }

  if (status.state === 'sent') {
    return <p>Thanks! Your reference is {status.ticket}.</p>;
  }

  return (
    <form className="stacked" onSubmit={onSubmit}>
      <label>
        Work e-mail <input type="email" name="email" required />
      </label>
      <label>
        Message <textarea name="message" rows={4} required />
      </label>
      {status.state === 'error' && <p className="error">{status.error}</p>}
      <button type="submit" className="button" disabled={status.state === 'sending'}>
        {status.state === 'sending' ? 'Sending…' : 'Send'}
      </button>
    </form>
  );
}
