// A demo account: a real app would load it from its database for the signed-in user.
export const account = {
  name: 'Acme Corp',
  plan: 'pro',
  usage: { requests: 412_000, limit: 1_000_000, projects: 7 },
  members: [
    { name: 'Jordan Lee', email: 'jordan@acme.test', role: 'Owner' },
    { name: 'Sam Rivera', email: 'sam@acme.test', role: 'Developer' },
  ],
};
