import * as http from 'node:http';
import { checkPassword } from './login';
import { renderHelpPage } from './pages';
import { recommendationsFor } from './recommendations';
import { recordSale, takingsReport } from './sales';
import { popularity, refreshSearchIndex } from './searchIndex';

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/login') {
    const ok = await checkPassword(url.searchParams.get('user') ?? '', url.searchParams.get('password') ?? '');
    res.writeHead(ok ? 204 : 401).end();
  } else if (url.pathname.startsWith('/help/')) {
    res.end(await renderHelpPage(url.pathname.slice('/help/'.length)));
  } else if (url.pathname.startsWith('/products/')) {
    res.end(JSON.stringify(await recommendationsFor(url.pathname.slice('/products/'.length))));
  } else if (url.pathname.startsWith('/buy/')) {
    await recordSale(url.pathname.slice('/buy/'.length));
    res.writeHead(204).end();
  } else if (url.pathname === '/takings') {
    res.end(takingsReport());
  } else if (url.pathname === '/popularity') {
    res.end(String(popularity(url.searchParams.get('term') ?? '')));
  } else {
    res.writeHead(404).end();
  }
});

setInterval(refreshSearchIndex, 10 * 60_000);
server.listen(8080);
