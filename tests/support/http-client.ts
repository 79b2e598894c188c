import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A tiny browser stand-in over `app.inject`: keeps cookies like a browser would and sends
 * the CSRF token it got from the API on state-changing requests.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...this.headers, ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && options.csrf !== false && this.csrfToken) headers['x-csrf-token'] ??= this.csrfToken;
    let payload: string | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await this.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  /** Uploads one file as multipart/form-data in the field `file`, like the import page does. */
  async upload(url: string, fileName: string, content: Buffer): Promise<LightMyRequestResponse> {
    const boundary = `----planwerk${Date.now().toString(16)}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers: Record<string, string> = {
      ...this.headers,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'x-csrf-token': this.csrfToken,
    };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return this.app.inject({ method: 'POST', url, headers, payload: body });
  }

  /** Fetches the session (and its CSRF token). */
  async session(): Promise<{
    authenticated: boolean;
    sessionExpired: boolean;
    user?: { email: string; memberships: { tenantKey: string; role: string }[] };
  }> {
    const response = await this.request('GET', '/api/session');
    const body = response.json() as { csrfToken: string; authenticated: boolean; sessionExpired: boolean };
    this.csrfToken = body.csrfToken;
    return body;
  }

  /** Logs in through the API like the login form does; returns the response. */
  async logIn(email: string, password: string): Promise<LightMyRequestResponse> {
    await this.session();
    const response = await this.request('POST', '/api/session/login', { body: { email, password } });
    if (response.statusCode === 200) this.csrfToken = (response.json() as { csrfToken: string }).csrfToken;
    return response;
  }
}
