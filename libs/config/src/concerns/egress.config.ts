import { z } from 'zod';
import { defineConcern } from '../lib/define-settings';

// An IP address or CIDR block (IPv4 or IPv6), a host name, or `*.` and a domain. Checked
// loosely here; the egress lib parses each entry.
const allowedHost = z
  .string()
  .regex(
    /^([0-9a-fA-F.:]+(\/\d{1,3})?|(\*\.)?[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*)$/,
    'expected IP addresses, CIDR blocks, host names or *.domain patterns, comma-separated',
  );

/** Where outbound calls that a tenant can aim may go: provider and embedding endpoints, webhooks, URL ingest. */
export const egressConfig = defineConcern(
  'egress',
  {
    EGRESS_ALLOWED_HOSTS: {
      schema: z
        .string()
        .default('')
        .transform((list) =>
          list
            .split(',')
            .map((entry) => entry.trim())
            .filter(Boolean),
        )
        .pipe(z.array(allowedHost))
        .meta({
          description:
            "Non-public hosts that tenants' provider base URLs, webhooks and document URLs may reach anyway (e.g. an intranet model server; 127.0.0.1 for local tests). Empty: public addresses only. The platform's own endpoints (OPENAI_BASE_URL, EMBEDDING_ENDPOINT, ...) need no entry",
          values: 'comma-separated IPs, CIDR blocks, host names or `*.domain`',
        }),
    },
  },
  (v) => ({ allowedHosts: v.EGRESS_ALLOWED_HOSTS }),
);
