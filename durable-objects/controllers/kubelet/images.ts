// The registry the simulated nodes pull from: popular images with their real tags (as lists or version ranges),
// approximate compressed sizes, default entrypoints and listening ports, and stable digests.
//
// Unknown images, decided on purpose:
// - an unknown name in Docker Hub's official namespace (`ngnix`, `docker.io/library/foo`) fails like Docker Hub
//   does ("pull access denied, repository does not exist or may require authorization"): typos are a lesson;
// - a known image with a tag it never had (`nginx:1.999.0`) fails with NotFound, as containerd reports it;
// - registries that cannot resolve (`*.example`, `example.com`, `*.local`, `*.invalid`, `*.test`, localhost) fail to
//   connect;
// - any other image (`myorg/app:1.0`, `ghcr.io/me/api:v2`, a private registry) is assumed to exist: we cannot know
//   private images, and people bring their own manifests. It runs as a long-lived server on its declared ports.
import { hex64 } from './hash.ts';

export interface ImageRef {
  /** As written in the pod spec, used in event messages. */
  spec: string;
  domain: string;
  /** Repository path without the domain: `library/nginx`. */
  path: string;
  /** `docker.io/library/nginx` */
  repo: string;
  tag: string | undefined;
  digest: string | undefined;
  /** What containerd reports as the container's image: `docker.io/library/nginx:1.14.2`. */
  name: string;
}

/** Docker's reference normalisation: a first component with a dot or colon (or localhost) is a registry. */
export function parseImage(spec: string): ImageRef {
  let rest = spec.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!tag && !digest) tag = 'latest';
  const first = rest.split('/')[0] ?? '';
  let domain = 'docker.io';
  let path = rest;
  if (rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    domain = first === 'index.docker.io' ? 'docker.io' : first;
    path = rest.slice(first.length + 1);
  }
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  const repo = `${domain}/${path}`;
  const name = tag ? `${repo}:${tag}` : `${repo}@${digest}`;
  return { spec, domain, path, repo, tag, digest, name };
}

type TagRule = (tag: string) => boolean;

/** Versions `X`, `X.Y` and `X.Y.Z` up to a known last patch per minor, each with optional variant suffixes. */
function versions(lastPatch: Record<string, number>, suffixes: string[] = [], extra: string[] = [], prefix = ''): TagRule {
  const minors = new Map(Object.entries(lastPatch));
  const majors = new Set([...minors.keys()].map((k) => k.split('.')[0]!));
  const named = new Set(extra);
  const variants = [...suffixes].sort((a, b) => b.length - a.length);
  return (tag) => {
    if (named.has(tag) || variants.includes(tag)) return true;
    let base = tag;
    for (const s of variants) {
      if (tag.endsWith(`-${s}`)) {
        base = tag.slice(0, -(s.length + 1));
        break;
      }
    }
    if (named.has(base)) return true;
    if (prefix) {
      if (!base.startsWith(prefix)) return false;
      base = base.slice(prefix.length);
    }
    const parts = base.split('.');
    if (parts.some((p) => !/^\d+$/.test(p)) || parts.length > 3) return false;
    if (parts.length === 1) return majors.has(parts[0]!);
    // Two-part schemes (postgres 16.6): the key is the major, the value its last minor.
    const lastMinor = minors.get(parts[0]!);
    if (lastMinor !== undefined) return parts.length === 2 && Number(parts[1]) <= lastMinor;
    const last = minors.get(`${parts[0]}.${parts[1]}`);
    if (last === undefined) return false;
    return parts.length === 2 || Number(parts[2]) <= last;
  };
}

const list = (...tags: string[]): TagRule => {
  const s = new Set(tags);
  return (t) => s.has(t);
};
const anyTag: TagRule = () => true;

export interface CatalogImage {
  /** Repositories (normalised) this entry describes. */
  repos: string[];
  tags: TagRule;
  /** The version `latest` and friends stand for (startup banners print it). */
  latest: string;
  sizeBytes: number;
  entrypoint: string[];
  cmd: string[];
  /** Ports the default program listens on. */
  ports?: number[];
  /** Environment the image sets (PATH and friends matter little; versions do). */
  env?: Record<string, string>;
}

const KUBE_VERSIONS = versions({ '1.28': 15, '1.29': 12, '1.30': 8, '1.31': 4, '1.32': 0 }, [], [], 'v');

export const CATALOG: CatalogImage[] = [
  {
    repos: ['docker.io/library/nginx'],
    tags: versions(
      { '1.9': 15, '1.10': 3, '1.11': 13, '1.12': 2, '1.13': 12, '1.14': 2, '1.15': 12, '1.16': 1, '1.17': 10, '1.18': 0, '1.19': 10, '1.20': 2, '1.21': 6, '1.22': 1, '1.23': 4, '1.24': 0, '1.25': 5, '1.26': 3, '1.27': 5, '1.28': 0, '1.29': 1 },
      ['alpine', 'perl', 'alpine-perl', 'alpine-slim', 'bookworm', 'bullseye', 'alpine3.20', 'alpine3.21', 'otel', 'alpine-otel'],
      ['latest', 'stable', 'mainline'],
    ),
    latest: '1.29.1',
    sizeBytes: 72_188_133,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    ports: [80],
  },
  {
    repos: ['docker.io/library/httpd'],
    tags: versions({ '2.2': 34, '2.4': 63 }, ['alpine', 'bookworm', 'alpine3.21'], ['latest']),
    latest: '2.4.63',
    sizeBytes: 58_132_446,
    entrypoint: [],
    cmd: ['httpd-foreground'],
    ports: [80],
  },
  {
    repos: ['docker.io/library/busybox'],
    tags: versions(
      { '1.24': 2, '1.25': 1, '1.26': 2, '1.27': 2, '1.28': 4, '1.29': 3, '1.30': 1, '1.31': 1, '1.32': 1, '1.33': 1, '1.34': 1, '1.35': 0, '1.36': 1, '1.37': 0 },
      ['uclibc', 'glibc', 'musl'],
      ['latest', 'stable', 'unstable'],
    ),
    latest: '1.37.0',
    sizeBytes: 2_155_194,
    entrypoint: [],
    cmd: ['sh'],
  },
  {
    repos: ['docker.io/library/alpine'],
    tags: versions({ '3.1': 4, '3.2': 3, '3.3': 3, '3.4': 6, '3.5': 3, '3.6': 5, '3.7': 3, '3.8': 5, '3.9': 6, '3.10': 9, '3.11': 13, '3.12': 12, '3.13': 12, '3.14': 10, '3.15': 11, '3.16': 9, '3.17': 10, '3.18': 12, '3.19': 7, '3.20': 6, '3.21': 3, '3.22': 1 }, [], ['latest', 'edge']),
    latest: '3.22.1',
    sizeBytes: 3_642_007,
    entrypoint: [],
    cmd: ['/bin/sh'],
  },
  {
    repos: ['docker.io/library/ubuntu'],
    tags: (t) =>
      /^(latest|rolling|devel|(trusty|xenial|bionic|focal|jammy|noble|oracular|plucky)(-\d{8}(\.\d+)?)?|(14\.04|16\.04|18\.04|20\.04|22\.04|24\.04|24\.10|25\.04)(-\d{8}(\.\d+)?)?)$/.test(t),
    latest: '24.04',
    sizeBytes: 29_754_290,
    entrypoint: [],
    cmd: ['/bin/bash'],
  },
  {
    repos: ['docker.io/library/debian'],
    tags: (t) =>
      /^(latest|stable|oldstable|testing|unstable|sid|experimental)(-slim)?$/.test(t) ||
      /^(jessie|stretch|buster|bullseye|bookworm|trixie)(-\d{8})?(-slim|-backports)?$/.test(t) ||
      /^(8|9|10|11|12|13)(\.\d+)?(-slim)?$/.test(t),
    latest: '12.9',
    sizeBytes: 48_484_420,
    entrypoint: [],
    cmd: ['bash'],
  },
  {
    repos: ['docker.io/library/redis'],
    tags: versions({ '5.0': 14, '6.0': 20, '6.2': 17, '7.0': 15, '7.2': 7, '7.4': 2, '8.0': 3 }, ['alpine', 'bookworm', 'alpine3.21'], ['latest']),
    latest: '8.0.3',
    sizeBytes: 45_920_304,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    ports: [6379],
  },
  {
    repos: ['docker.io/library/postgres'],
    tags: versions({ '9.6': 24, '10': 23, '11': 22, '12': 22, '13': 18, '14': 15, '15': 10, '16': 6, '17': 2 }, ['alpine', 'bookworm', 'bullseye', 'alpine3.21'], ['latest']),
    latest: '17.2',
    sizeBytes: 158_466_032,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    ports: [5432],
  },
  {
    repos: ['docker.io/library/mysql'],
    tags: versions({ '5.6': 51, '5.7': 44, '8.0': 41, '8.4': 4, '9.0': 1, '9.1': 0, '9.2': 0 }, ['oracle', 'debian', 'oraclelinux9'], ['latest', 'lts', 'innovation']),
    latest: '9.2.0',
    sizeBytes: 170_744_329,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    ports: [3306, 33060],
  },
  {
    repos: ['docker.io/library/node'],
    tags: (t) =>
      /^(latest|lts|current|hydrogen|iron|jod)(-(alpine|slim|bookworm|bookworm-slim|bullseye))?$/.test(t) ||
      /^(1[0-9]|2[0-3])(\.\d+(\.\d+)?)?(-(alpine|alpine3\.\d+|slim|bookworm|bookworm-slim|bullseye|bullseye-slim))?$/.test(t),
    latest: '23.6.1',
    sizeBytes: 398_402_187,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
  },
  {
    repos: ['docker.io/library/python'],
    tags: versions(
      { '2.7': 18, '3.6': 15, '3.7': 17, '3.8': 20, '3.9': 21, '3.10': 16, '3.11': 11, '3.12': 8, '3.13': 1 },
      ['slim', 'alpine', 'bookworm', 'slim-bookworm', 'bullseye', 'slim-bullseye', 'alpine3.21'],
      ['latest'],
    ),
    latest: '3.13.1',
    sizeBytes: 384_109_671,
    entrypoint: [],
    cmd: ['python3'],
  },
  {
    repos: ['docker.io/library/hello-world'],
    tags: list('latest', 'linux', 'nanoserver'),
    latest: 'latest',
    sizeBytes: 13_256,
    entrypoint: [],
    cmd: ['/hello'],
  },
  {
    repos: ['docker.io/library/mongo'],
    tags: versions({ '4.4': 29, '5.0': 30, '6.0': 20, '7.0': 16, '8.0': 4 }, ['jammy', 'noble'], ['latest']),
    latest: '8.0.4',
    sizeBytes: 275_362_101,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mongod'],
    ports: [27017],
  },
  {
    repos: ['docker.io/library/memcached'],
    tags: versions({ '1.6': 34 }, ['alpine', 'bookworm'], ['latest']),
    latest: '1.6.34',
    sizeBytes: 32_147_833,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['memcached'],
    ports: [11211],
  },
  {
    repos: ['docker.io/library/rabbitmq'],
    tags: versions({ '3.12': 14, '3.13': 7, '4.0': 5 }, ['alpine', 'management', 'management-alpine'], ['latest', 'management', 'alpine']),
    latest: '4.0.5',
    sizeBytes: 96_524_116,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['rabbitmq-server'],
    ports: [5672, 4369, 25672],
  },
  {
    repos: ['registry.k8s.io/pause', 'k8s.gcr.io/pause'],
    tags: list('3.1', '3.2', '3.3', '3.4.1', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', 'latest'),
    latest: '3.10',
    sizeBytes: 320_368,
    entrypoint: ['/pause'],
    cmd: [],
  },
  {
    repos: ['registry.k8s.io/etcd', 'k8s.gcr.io/etcd'],
    tags: (t) => /^3\.(4\.\d+|5\.\d+)-0$/.test(t),
    latest: '3.5.16-0',
    sizeBytes: 57_680_541,
    entrypoint: [],
    cmd: ['etcd'],
    ports: [2379, 2380, 2381],
  },
  { repos: ['registry.k8s.io/kube-apiserver'], tags: KUBE_VERSIONS, latest: 'v1.32.0', sizeBytes: 28_669_863, entrypoint: [], cmd: ['kube-apiserver'], ports: [6443] },
  { repos: ['registry.k8s.io/kube-controller-manager'], tags: KUBE_VERSIONS, latest: 'v1.32.0', sizeBytes: 26_250_829, entrypoint: [], cmd: ['kube-controller-manager'], ports: [10257] },
  { repos: ['registry.k8s.io/kube-scheduler'], tags: KUBE_VERSIONS, latest: 'v1.32.0', sizeBytes: 20_657_536, entrypoint: [], cmd: ['kube-scheduler'], ports: [10259] },
  { repos: ['registry.k8s.io/kube-proxy'], tags: KUBE_VERSIONS, latest: 'v1.32.0', sizeBytes: 30_907_858, entrypoint: [], cmd: ['kube-proxy'] },
  {
    repos: ['registry.k8s.io/coredns/coredns', 'k8s.gcr.io/coredns/coredns'],
    tags: list('v1.8.0', 'v1.8.4', 'v1.8.6', 'v1.9.3', 'v1.9.4', 'v1.10.0', 'v1.10.1', 'v1.11.1', 'v1.11.3', 'v1.11.4', 'v1.12.0'),
    latest: 'v1.11.3',
    sizeBytes: 18_562_039,
    entrypoint: ['/coredns'],
    cmd: [],
    ports: [53, 8080, 8181, 9153],
  },
  {
    repos: ['docker.io/coredns/coredns'],
    tags: (t) => t === 'latest' || /^1\.\d+\.\d+$/.test(t),
    latest: '1.11.3',
    sizeBytes: 18_562_039,
    entrypoint: ['/coredns'],
    cmd: [],
    ports: [53, 8080, 8181, 9153],
  },
  {
    repos: ['k8s.gcr.io/echoserver', 'registry.k8s.io/echoserver'],
    tags: list('1.4', '1.10'),
    latest: '1.10',
    sizeBytes: 46_094_160,
    entrypoint: [],
    cmd: ['/usr/local/bin/run.sh'],
    ports: [8080, 8443],
  },
  {
    repos: ['registry.k8s.io/e2e-test-images/agnhost'],
    tags: (t) => /^2\.\d+$/.test(t),
    latest: '2.52',
    sizeBytes: 51_164_114,
    entrypoint: ['/agnhost'],
    cmd: ['pause'],
  },
  {
    repos: ['gcr.io/google-samples/hello-app', 'us-docker.pkg.dev/google-samples/containers/gke/hello-app'],
    tags: list('1.0', '2.0'),
    latest: '1.0',
    sizeBytes: 4_331_431,
    entrypoint: ['/hello-app'],
    cmd: [],
    ports: [8080],
  },
  {
    repos: ['docker.io/hashicorp/http-echo'],
    tags: list('latest', '0.2.3', '1.0', '1.0.0'),
    latest: '1.0.0',
    sizeBytes: 3_217_544,
    entrypoint: ['/http-echo'],
    cmd: [],
    ports: [5678],
  },
  {
    repos: ['docker.io/traefik/whoami', 'docker.io/containous/whoami'],
    tags: (t) => t === 'latest' || /^v1\.\d+(\.\d+)?$/.test(t),
    latest: 'v1.10.3',
    sizeBytes: 3_342_061,
    entrypoint: ['/whoami'],
    cmd: [],
    ports: [80],
  },
  {
    repos: ['docker.io/nginxdemos/hello'],
    tags: list('latest', 'plain-text', '0.4', '0.4-plain-text'),
    latest: '0.4',
    sizeBytes: 9_711_403,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    ports: [80],
  },
  {
    repos: ['docker.io/curlimages/curl'],
    tags: (t) => t === 'latest' || /^\d+\.\d+\.\d+$/.test(t),
    latest: '8.11.1',
    sizeBytes: 11_972_436,
    entrypoint: ['/entrypoint.sh'],
    cmd: ['curl'],
  },
];

/** Other official Docker Hub images: any tag is accepted (we do not track their versions). */
const OFFICIAL: Record<string, { size: number; cmd: string[]; ports?: number[]; entrypoint?: string[] }> = {
  golang: { size: 294_000_000, cmd: ['bash'] },
  php: { size: 190_000_000, cmd: ['php', '-a'], entrypoint: ['docker-php-entrypoint'] },
  openjdk: { size: 320_000_000, cmd: ['jshell'] },
  eclipse_temurin: { size: 190_000_000, cmd: ['jshell'] },
  ruby: { size: 360_000_000, cmd: ['irb'] },
  perl: { size: 330_000_000, cmd: ['perl5.40.0', '-de0'] },
  centos: { size: 79_000_000, cmd: ['/bin/bash'] },
  fedora: { size: 60_000_000, cmd: ['/bin/bash'] },
  amazonlinux: { size: 62_000_000, cmd: ['/bin/bash'] },
  rockylinux: { size: 70_000_000, cmd: ['/bin/bash'] },
  wordpress: { size: 250_000_000, cmd: ['apache2-foreground'], ports: [80], entrypoint: ['docker-entrypoint.sh'] },
  traefik: { size: 50_000_000, cmd: ['traefik'], ports: [80] },
  haproxy: { size: 40_000_000, cmd: ['haproxy', '-f', '/usr/local/etc/haproxy/haproxy.cfg'], ports: [80] },
  caddy: { size: 20_000_000, cmd: ['caddy', 'run', '--config', '/etc/caddy/Caddyfile'], ports: [80, 443] },
  mariadb: { size: 120_000_000, cmd: ['mariadbd'], ports: [3306], entrypoint: ['docker-entrypoint.sh'] },
  elasticsearch: { size: 650_000_000, cmd: ['eswrapper'], ports: [9200, 9300] },
  registry: { size: 9_000_000, cmd: ['/etc/docker/registry/config.yml'], ports: [5000], entrypoint: ['/entrypoint.sh'] },
  nats: { size: 7_000_000, cmd: ['--config', 'nats-server.conf'], ports: [4222], entrypoint: ['/nats-server'] },
  consul: { size: 60_000_000, cmd: ['agent', '-dev', '-client', '0.0.0.0'], ports: [8500], entrypoint: ['docker-entrypoint.sh'] },
  vault: { size: 150_000_000, cmd: ['server', '-dev'], ports: [8200], entrypoint: ['docker-entrypoint.sh'] },
  influxdb: { size: 110_000_000, cmd: ['influxd'], ports: [8086], entrypoint: ['/entrypoint.sh'] },
  cassandra: { size: 140_000_000, cmd: ['cassandra', '-f'], ports: [9042], entrypoint: ['docker-entrypoint.sh'] },
  zookeeper: { size: 110_000_000, cmd: ['zkServer.sh', 'start-foreground'], ports: [2181], entrypoint: ['/docker-entrypoint.sh'] },
  tomcat: { size: 200_000_000, cmd: ['catalina.sh', 'run'], ports: [8080] },
  jenkins: { size: 280_000_000, cmd: [], ports: [8080, 50000], entrypoint: ['/usr/bin/tini', '--', '/usr/local/bin/jenkins.sh'] },
  ghost: { size: 200_000_000, cmd: ['node', 'current/index.js'], ports: [2368], entrypoint: ['docker-entrypoint.sh'] },
  adminer: { size: 40_000_000, cmd: ['php', '-S', '[::]:8080', '-t', '/var/www/html'], ports: [8080], entrypoint: ['entrypoint.sh', 'docker-php-entrypoint'] },
};

export type Resolution =
  | { ok: true; ref: ImageRef; sizeBytes: number; digest: string; image: CatalogImage; known: boolean }
  | { ok: false; ref: ImageRef; code: 'NotFound' | 'Unknown'; message: string };

const BY_REPO = new Map<string, CatalogImage>();
for (const img of CATALOG) for (const r of img.repos) BY_REPO.set(r, img);
for (const [name, o] of Object.entries(OFFICIAL)) {
  const repo = `docker.io/library/${name.replace('_', '-')}`;
  BY_REPO.set(repo, { repos: [repo], tags: anyTag, latest: 'latest', sizeBytes: o.size, entrypoint: o.entrypoint ?? [], cmd: o.cmd, ports: o.ports });
}

/** What an image nobody catalogued is assumed to be: a server on the ports its pod declares. */
function genericImage(repo: string): CatalogImage {
  const size = 40_000_000 + (parseInt(hex64(repo).slice(0, 6), 16) % 120_000_000);
  return { repos: [repo], tags: anyTag, latest: 'latest', sizeBytes: size, entrypoint: [], cmd: [] };
}

const UNRESOLVABLE = /(^|\.)(example|invalid|test|local|localdomain)$|^example\.(com|org|net)$|(^|\.)example\.(com|org|net)$/;

export function lookupImage(repo: string): CatalogImage | undefined {
  return BY_REPO.get(repo);
}

const RESOLVED = new Map<string, Resolution>();

/** Whether a pull of this image would succeed, and what it would bring (answers are stable, so kept). */
export function resolveImage(spec: string): Resolution {
  let r = RESOLVED.get(spec);
  if (!r) {
    if (RESOLVED.size > 5000) RESOLVED.clear();
    RESOLVED.set(spec, (r = resolveUncached(spec)));
  }
  return r;
}

function resolveUncached(spec: string): Resolution {
  const ref = parseImage(spec);
  const prefix = `failed to pull and unpack image "${ref.name}"`;
  const host = ref.domain.split(':')[0]!;
  if (host === 'localhost' || host === '127.0.0.1') {
    const url = `https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag ?? ref.digest}`;
    return { ok: false, ref, code: 'Unknown', message: `${prefix}: failed to resolve reference "${ref.name}": failed to do request: Head "${url}": dial tcp ${host === 'localhost' ? '127.0.0.1' : host}:${ref.domain.split(':')[1] ?? '443'}: connect: connection refused` };
  }
  if (UNRESOLVABLE.test(host)) {
    const url = `https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag ?? ref.digest}`;
    return { ok: false, ref, code: 'Unknown', message: `${prefix}: failed to resolve reference "${ref.name}": failed to do request: Head "${url}": dial tcp: lookup ${host}: no such host` };
  }
  const known = BY_REPO.get(ref.repo);
  if (!known) {
    if (ref.domain === 'docker.io' && ref.path.startsWith('library/')) {
      return {
        ok: false,
        ref,
        code: 'Unknown',
        message: `${prefix}: failed to resolve reference "${ref.name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
      };
    }
    const image = genericImage(ref.repo);
    return { ok: true, ref, sizeBytes: image.sizeBytes, digest: ref.digest ?? `sha256:${hex64(ref.name)}`, image, known: false };
  }
  if (ref.tag !== undefined && !known.tags(ref.tag)) {
    return { ok: false, ref, code: 'NotFound', message: `${prefix}: failed to resolve reference "${ref.name}": ${ref.name}: not found` };
  }
  const size = ref.tag && /alpine|slim/.test(ref.tag) ? Math.round(known.sizeBytes * 0.35) : ref.repo === 'docker.io/library/nginx' && ref.tag && olderNginx(ref.tag) ? 44_402_548 : known.sizeBytes;
  return { ok: true, ref, sizeBytes: size, digest: ref.digest ?? digestOf(ref), image: known, known: true };
}

function olderNginx(tag: string): boolean {
  const m = /^1\.(\d+)/.exec(tag);
  return !!m && Number(m[1]) < 19;
}

/** The digest a registry would answer for a tag; the well-known nginx:1.14.2 keeps its real one. */
function digestOf(ref: ImageRef): string {
  if (ref.repo === 'docker.io/library/nginx' && ref.tag === '1.14.2') return 'sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d';
  return `sha256:${hex64(`${ref.repo}:${ref.tag ?? ''}`)}`;
}

/** `docker.io/library/nginx@sha256:...`, as containerStatuses[].imageID shows it. */
export function imageID(r: Extract<Resolution, { ok: true }>): string {
  return `${r.ref.repo}@${r.digest}`;
}

/** The version a tag stands for, for startup banners (`nginx/1.27.3`). */
export function versionOf(spec: string): string {
  const r = parseImage(spec);
  const img = BY_REPO.get(r.repo);
  const tag = r.tag ?? 'latest';
  const m = /^v?(\d+(?:\.\d+){0,2})/.exec(tag);
  if (!m) return img?.latest ?? tag;
  const wanted = m[1]!;
  const latest = img?.latest.replace(/^v/, '') ?? wanted;
  if (wanted.split('.').length < 3 && latest.startsWith(`${wanted}.`)) return latest;
  if (wanted.split('.').length === 2 && img) {
    const prefix = /^v/.test(tag) ? 'v' : '';
    for (let p = 99; p >= 0; p--) if (img.tags(`${prefix}${wanted}.${p}`)) return `${wanted}.${p}`;
  }
  return wanted;
}

/** The names a node lists for an image it holds (node.status.images). */
export function nodeImageNames(r: Extract<Resolution, { ok: true }>): string[] {
  const names = [`${r.ref.repo}@${r.digest}`];
  if (r.ref.tag) names.push(`${r.ref.repo}:${r.ref.tag}`);
  return names;
}
