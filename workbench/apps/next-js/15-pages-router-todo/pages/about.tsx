import Head from 'next/head';

export default function About() {
  return (
    <>
      <Head>
        <title>About · Todos</title>
      </Head>
      <h1>About</h1>
      <p>
        Next.js 15 with the Pages Router and TypeScript: <code>getServerSideProps</code> for the pages and API
        routes under <code>pages/api</code>.
      </p>
    </>
  );
}
