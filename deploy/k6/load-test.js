// k6 load test run by the deploy pipeline after the smoke test: a steady load of
// authenticated reads plus readiness probes; a threshold that fails fails the
// deploy (and rolls it back).
//   BASE_URL=https://api.example.com API_KEY=cp_... K6_VUS=10 k6 run deploy/k6/load-test.js
import http from 'k6/http';
import { check, sleep } from 'k6';

const vus = Number(__ENV.K6_VUS || 10);

export const options = {
  scenarios: {
    steady: { executor: 'constant-vus', vus, duration: __ENV.K6_DURATION || '2m' },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{kind:read}': ['p(95)<500', 'p(99)<1500'],
    'http_req_duration{kind:ready}': ['p(95)<300'],
    checks: ['rate>0.99'],
  },
};

const headers = { 'x-api-key': __ENV.API_KEY };

export default function () {
  const list = http.get(`${__ENV.BASE_URL}/v1/conversations`, { headers, tags: { kind: 'read' } });
  check(list, { 'conversations: 200': (r) => r.status === 200 });
  const ready = http.get(`${__ENV.BASE_URL}/ready`, { tags: { kind: 'ready' } });
  check(ready, { 'ready: 200': (r) => r.status === 200 });
  sleep(1);
}
