import { useLoaderData } from 'react-router';

import { team } from '../lib/team.js';

export function meta() {
  return [{ title: 'Team · Launchpad' }];
}

export function loader() {
  return { team };
}

export default function Team() {
  const { team: members } = useLoaderData();
  return (
    <>
      <h1>Team</h1>
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>E-mail</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.email}>
              <td>{member.name}</td>
              <td>{member.role}</td>
              <td>{member.email}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
