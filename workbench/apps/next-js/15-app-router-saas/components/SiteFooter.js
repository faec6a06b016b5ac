export function SiteFooter() {
  return <footer className="site-footer">© {new Date().getFullYear()} Nimbus, Inc.</footer>;
}
