import { dashboardData } from '../../handlers/dashboard-data.js';
import type { Services } from '../../handlers/services.js';
import { dashboardRoutes } from '../http/dashboard/routes.js';
import { SECURITY_HEADERS } from '../http/dashboard/security.js';
import { startHttpServer, type HttpServer } from '../http/server.js';
import type { Logger } from '../logging/logger.js';
import { createWebSessions } from '../security/web-sessions.js';

/** The dashboard's part of Services, for a given public origin; its sessions live in the store. */
export function dashboardService(services: Pick<Services, 'store'>, publicUrl: string): NonNullable<Services['dashboard']> {
  return { publicUrl, sessions: createWebSessions({ store: services.store }) };
}

/** Mounts the dashboard's routes on the app's HTTP server (when `services.dashboard` is set). */
export function mountDashboard(http: HttpServer, services: Services): void {
  if (!services.dashboard) return;
  for (const route of dashboardRoutes({ services, data: dashboardData, ...services.dashboard })) http.mount(route);
  http.headersUnder('/dashboard', SECURITY_HEADERS);
}

/**
 * The playground's dashboard: its own HTTP server on 127.0.0.1:$PORT (reachable from this machine
 * only), so `/web` prints a link a newcomer can open. A port already taken is not an error for a
 * sandbox: the playground runs on without the dashboard and says why.
 */
export async function startPlaygroundDashboard(options: {
  services: Services;
  port: number;
  logger: Logger;
}): Promise<{ services: Services; http?: HttpServer; notice: string }> {
  try {
    const http = await startHttpServer({ host: '127.0.0.1', port: options.port, logger: options.logger });
    const publicUrl = `http://127.0.0.1:${http.port}`;
    const services = { ...options.services, dashboard: dashboardService(options.services, publicUrl) };
    mountDashboard(http, services);
    return { services, http, notice: `Trang điều hành: ${publicUrl}/dashboard — gõ /web để nhận đường dẫn đăng nhập.` };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      services: options.services,
      notice: `Trang điều hành chưa mở được trên cổng ${options.port} (${code ?? 'lỗi'}); đặt PORT khác để dùng.`,
    };
  }
}
