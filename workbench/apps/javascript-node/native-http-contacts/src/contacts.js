import { randomUUID } from 'node:crypto';

// In-memory contacts: a demo store that resets on restart.
const contacts = new Map();

export function createContact({ name, email = '', phone = '' }) {
  const contact = { id: randomUUID(), name, email, phone };
  contacts.set(contact.id, contact);
  return contact;
}

export function listContacts(query = '') {
  const q = query.toLowerCase();
  return [...contacts.values()].filter(
    (c) => !q || c.name.toLowerCase().includes(q) || c.email.toLowerCase().includes(q),
  );
}

export function getContact(id) {
  return contacts.get(id) ?? null;
}

export function updateContact(id, fields) {
  const contact = contacts.get(id);
  if (!contact) return null;
  for (const key of ['name', 'email', 'phone']) {
    if (typeof fields[key] === 'string') contact[key] = fields[key];
  }
  return contact;
}

export function deleteContact(id) {
  return contacts.delete(id);
}

createContact({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 0000 0001' });
createContact({ name: 'Grace Hopper', email: 'grace@example.com' });
