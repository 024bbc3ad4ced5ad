// What the programs inside popular images do when started: the lines they print (offsets from start), the ports they
// bind, whether they stop on SIGTERM, and how they fail (ports already taken, missing settings, missing files).
import type { Program } from './shell.ts';
import { formatDate } from './shell.ts';
import { hex64 } from './hash.ts';

export interface ProgramContext {
  /** The image as written in the spec, and the version its tag stands for. */
  image: string;
  version: string;
  env: Record<string, string>;
  hostname: string;
  podIP: string;
  startMs: number;
  /** Ports already bound in the pod's network namespace (other containers). */
  portsInUse: ReadonlySet<number>;
  /** Ports the container declares (what an unknown program is assumed to listen on). */
  declaredPorts: number[];
  cpus: number;
}

type Line = { dt: number; text: string; err?: boolean };
type Make = (args: string[], c: ProgramContext) => Program;

const clock = (c: ProgramContext, dt: number) => c.startMs + dt;
const nginxTime = (ms: number) => formatDate(ms, '%Y/%m/%d %H:%M:%S');
const server = (lines: Line[], ports: number[]): Program => ({ lines, ports, handlesTerm: true });
const exits = (lines: Line[], dt: number, code: number): Program => ({ lines, exit: { dt, code } });

function flagValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === name) return args[i + 1];
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return undefined;
}

const portOf = (s: string | undefined, dflt: number) => {
  const m = /(\d+)\s*$/.exec(s ?? '');
  return m ? Number(m[1]) : dflt;
};

/** nginx: its notices since 1.19 (older images log nothing at the default level); bind failures retry, then exit. */
const nginx: Make = (args, c) => {
  const minor = Number(/^1\.(\d+)/.exec(c.version)?.[1] ?? 27);
  const t0 = nginxTime(clock(c, 5));
  // the flags that only report (what `kubectl exec` next to a running nginx asks) never bind the port
  if (args.includes('-v') || args.includes('-V')) return exits([{ dt: 1, text: `nginx version: nginx/${c.version}`, err: true }], 2, 0);
  if (args.includes('-t') || args.includes('-T'))
    return exits(['nginx: the configuration file /etc/nginx/nginx.conf syntax is ok', 'nginx: configuration file /etc/nginx/nginx.conf test is successful'].map((text) => ({ dt: 1, text, err: true })), 2, 0);
  if (args.includes('-s')) return exits(minor >= 19 ? [{ dt: 1, text: `${t0} [notice] 40#40: signal process started`, err: true }] : [], 2, 0);
  if (c.portsInUse.has(80)) {
    const lines: Line[] = [];
    for (let i = 0; i < 5; i++) {
      const t = nginxTime(clock(c, 5 + i * 500));
      for (const addr of minor >= 19 ? ['0.0.0.0:80', '[::]:80'] : ['0.0.0.0:80']) {
        lines.push({ dt: 5 + i * 500, text: `${t} [emerg] 1#1: bind() to ${addr} failed (98: Address already in use)`, err: true });
        lines.push({ dt: 5 + i * 500, text: `nginx: [emerg] bind() to ${addr} failed (98: Address already in use)`, err: true });
      }
    }
    const end = 5 + 5 * 500;
    lines.push({ dt: end, text: `${nginxTime(clock(c, end))} [emerg] 1#1: still could not bind()`, err: true });
    lines.push({ dt: end, text: 'nginx: [emerg] still could not bind()', err: true });
    return exits(lines, end + 1, 1);
  }
  if (minor < 19) return server([], [80]);
  const notice = (text: string): Line => ({ dt: 5, text: `${t0} [notice] 1#1: ${text}`, err: true });
  const lines: Line[] = [
    notice('using the "epoll" event method'),
    notice(`nginx/${c.version}`),
    notice(`built by gcc 12.2.0 (Debian 12.2.0-14)${minor >= 25 ? ' ' : ''}`),
    notice('OS: Linux 6.8.0-sandbox'),
    notice('getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
    notice('start worker processes'),
  ];
  for (let i = 0; i < c.cpus; i++) lines.push(notice(`start worker process ${29 + i}`));
  return server(lines, [80]);
};

/** The nginx image's entrypoint: configuration scripts when it starts nginx, otherwise `exec "$@"`. */
function nginxEntrypointLines(c: ProgramContext): Line[] {
  const minor = Number(/^1\.(\d+)/.exec(c.version)?.[1] ?? 27);
  if (minor < 19) return [];
  const e = '/docker-entrypoint.sh';
  const lines = [
    `${e}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
    `${e}: Looking for shell scripts in /docker-entrypoint.d/`,
    `${e}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  ];
  if (minor >= 25) lines.push(`${e}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`);
  lines.push(`${e}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`);
  if (minor >= 21) lines.push(`${e}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`);
  lines.push(`${e}: Configuration complete; ready for start up`);
  return lines.map((text, i) => ({ dt: 1 + Math.floor(i / 3), text }));
}

const httpd: Make = (_args, c) => {
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${c.podIP || '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message`;
  if (c.portsInUse.has(80)) {
    return exits(
      [
        { dt: 3, text: fqdn, err: true },
        { dt: 4, text: '(98)Address already in use: AH00072: make_sock: could not bind to address [::]:80', err: true },
        { dt: 4, text: '(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:80', err: true },
        { dt: 4, text: 'no listening sockets available, shutting down', err: true },
        { dt: 4, text: 'AH00015: Unable to open logs', err: true },
      ],
      5,
      1,
    );
  }
  const stamp = (dt: number) => {
    const ms = clock(c, dt);
    return formatDate(ms, `%a %b %d %H:%M:%S.${String((ms % 1000) * 1000).padStart(6, '0')} %Y`);
  };
  return server(
    [
      { dt: 3, text: fqdn, err: true },
      { dt: 4, text: fqdn, err: true },
      { dt: 6, text: `[${stamp(6)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${c.version} (Unix) configured -- resuming normal operations`, err: true },
      { dt: 6, text: `[${stamp(6)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`, err: true },
    ],
    [80],
  );
};

const redis: Make = (args, c) => {
  const port = Number(flagValue(args, '--port') ?? 6379);
  const ts = (dt: number, role: string, mark: string, text: string): Line => {
    const ms = clock(c, dt);
    return { dt, text: `1:${role} ${formatDate(ms, '%d %b %Y %H:%M:%S')}.${String(ms % 1000).padStart(3, '0')} ${mark} ${text}` };
  };
  const lines: Line[] = [
    ts(2, 'C', '#', 'WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. To fix this issue add \'vm.overcommit_memory = 1\' to /etc/sysctl.conf and then reboot or run the command \'sysctl vm.overcommit_memory=1\' for this to take effect.'),
    ts(2, 'C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
    ts(2, 'C', '*', `Redis version=${c.version}, bits=64, commit=00000000, modified=0, pid=1, just started`),
    ts(2, 'C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
    ts(3, 'M', '*', 'monotonic clock: POSIX clock_gettime'),
  ];
  if (c.portsInUse.has(port)) {
    lines.push(ts(4, 'M', '#', `Warning: Could not create server TCP listening socket *:${port}: bind: Address already in use`));
    lines.push(ts(4, 'M', '#', `Failed listening on port ${port} (tcp), aborting.`));
    return exits(lines, 5, 1);
  }
  lines.push(ts(3, 'M', '*', `Running mode=standalone, port=${port}.`), ts(4, 'M', '*', 'Server initialized'), ts(4, 'M', '*', 'Ready to accept connections tcp'));
  return server(lines, [port]);
};

const postgres: Make = (_args, c) => {
  if (!c.env.POSTGRES_PASSWORD && c.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
    const text = [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ];
    return exits(text.map((t) => ({ dt: 20, text: t, err: true })), 25, 1);
  }
  const major = c.version.split('.')[0];
  const log = (dt: number, pid: number, text: string): Line => {
    const ms = clock(c, dt);
    return { dt, text: `${formatDate(ms, '%Y-%m-%d %H:%M:%S')}.${String(ms % 1000).padStart(3, '0')} UTC [${pid}] LOG:  ${text}`, err: true };
  };
  const init = [
    'The files belonging to this database system will be owned by user "postgres".',
    'This user must also own the server process.',
    '',
    'The database cluster will be initialized with locale "en_US.utf8".',
    'The default database encoding has accordingly been set to "UTF8".',
    'The default text search configuration will be set to "english".',
    '',
    'Data page checksums are disabled.',
    '',
    'fixing permissions on existing directory /var/lib/postgresql/data ... ok',
    'creating subdirectories ... ok',
    'selecting dynamic shared memory implementation ... posix',
    'selecting default max_connections ... 100',
    'selecting default shared_buffers ... 128MB',
    'selecting default time zone ... Etc/UTC',
    'creating configuration files ... ok',
    'running bootstrap script ... ok',
    'performing post-bootstrap initialization ... ok',
    'syncing data to disk ... ok',
    '',
    '',
    'Success. You can now start the database server using:',
    '',
    '    pg_ctl -D /var/lib/postgresql/data -l logfile start',
    '',
    'waiting for server to start.... done',
    'server started',
    '',
    '/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*',
    '',
    'waiting for server to shut down.... done',
    'server stopped',
    '',
    'PostgreSQL init process complete; ready for start up.',
    '',
  ].map((text, i) => ({ dt: 20 + i * 40, text }));
  const t = 20 + init.length * 40;
  return server(
    [
      ...init,
      log(t, 1, `starting PostgreSQL ${c.version} (Debian ${c.version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`),
      log(t + 1, 1, 'listening on IPv4 address "0.0.0.0", port 5432'),
      log(t + 1, 1, 'listening on IPv6 address "::", port 5432'),
      log(t + 3, 1, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
      log(t + 7, 64 + Number(major ?? 0), `database system was shut down at ${formatDate(clock(c, t - 200), '%Y-%m-%d %H:%M:%S')} UTC`),
      log(t + 11, 1, 'database system is ready to accept connections'),
    ],
    [5432],
  );
};

const mysql: Make = (_args, c) => {
  const note = (dt: number, level: string, text: string): Line => ({ dt, text: `${formatDate(clock(c, dt), '%Y-%m-%d %H:%M:%S')}+00:00 [${level}] [Entrypoint]: ${text}` });
  const first = [note(10, 'Note', `Entrypoint script for MySQL Server ${c.version}-1.el9 started.`), note(12, 'Note', "Switching to dedicated user 'mysql'"), note(14, 'Note', `Entrypoint script for MySQL Server ${c.version}-1.el9 started.`)];
  if (!c.env.MYSQL_ROOT_PASSWORD && !c.env.MYSQL_ALLOW_EMPTY_PASSWORD && !c.env.MYSQL_RANDOM_ROOT_PASSWORD) {
    return exits(
      [
        ...first,
        { ...note(16, 'ERROR', 'Database is uninitialized and password option is not specified'), err: true },
        { dt: 16, text: '    You need to specify one of the following as an environment variable:', err: true },
        { dt: 16, text: '    - MYSQL_ROOT_PASSWORD', err: true },
        { dt: 16, text: '    - MYSQL_ALLOW_EMPTY_PASSWORD', err: true },
        { dt: 16, text: '    - MYSQL_RANDOM_ROOT_PASSWORD', err: true },
      ],
      20,
      1,
    );
  }
  const sys = (dt: number, text: string): Line => ({ dt, text: `${formatDate(clock(c, dt), '%Y-%m-%dT%H:%M:%S')}.000000Z 0 [System] [MY-010116] [Server] ${text}` });
  return server(
    [
      ...first,
      note(20, 'Note', 'Initializing database files'),
      note(3000, 'Note', 'Database files initialized'),
      note(3100, 'Note', 'Starting temporary server'),
      note(5200, 'Note', 'Temporary server started.'),
      note(6400, 'Note', 'Stopping temporary server'),
      note(7600, 'Note', 'Temporary server stopped'),
      { dt: 7600, text: '' },
      note(7601, 'Note', 'MySQL init process done. Ready for start up.'),
      { dt: 7601, text: '' },
      sys(7700, `/usr/sbin/mysqld (mysqld ${c.version}) starting as process 1`),
      { dt: 8900, text: `${formatDate(clock(c, 8900), '%Y-%m-%dT%H:%M:%S')}.000000Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${c.version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.` },
    ],
    [3306, 33060],
  );
};

const coredns: Make = (_args, c) =>
  server(
    [
      { dt: 20, text: '.:53' },
      { dt: 21, text: `[INFO] plugin/reload: Running configuration SHA512 = ${hex64(`corefile${c.version}`)}${hex64(`corefile2${c.version}`)}` },
      { dt: 21, text: `CoreDNS-${c.version.replace(/^v/, '')}` },
      { dt: 21, text: 'linux/amd64, go1.21.11, a6338e9' },
    ],
    [53, 8080, 8181, 9153],
  );

/** klog-formatted lines, as the control-plane components print them. */
function klog(c: ProgramContext, file: string, texts: string[], ports: number[]): Program {
  return server(
    texts.map((text, i) => {
      const ms = clock(c, 30 + i * 15);
      const micro = String((ms % 1000) * 1000 + 123).padStart(6, '0');
      return { dt: 30 + i * 15, text: `I${formatDate(ms, '%m%d %H:%M:%S')}.${micro}       1 ${file}] ${text}`, err: true };
    }),
    ports,
  );
}

const helloWorld: Make = () =>
  exits(
    [
      '',
      'Hello from Docker!',
      'This message shows that your installation appears to be working correctly.',
      '',
      'To generate this message, Docker took the following steps:',
      ' 1. The Docker client contacted the Docker daemon.',
      ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.',
      '    (amd64)',
      ' 3. The Docker daemon created a new container from that image which runs the',
      '    executable that produced the output you are currently reading.',
      ' 4. The Docker daemon streamed that output to the Docker client, which sent it',
      '    to your terminal.',
      '',
      'To try something more ambitious, you can run an Ubuntu container with:',
      ' $ docker run -it ubuntu bash',
      '',
      'Share images, automate workflows, and more with a free Docker ID:',
      ' https://hub.docker.com/',
      '',
      'For more examples and ideas, visit:',
      ' https://docs.docker.com/get-started/',
      '',
    ].map((text) => ({ dt: 1, text })),
    3,
    0,
  );

const goLog = (c: ProgramContext, dt: number, text: string): Line => ({ dt, text: `${formatDate(clock(c, dt), '%Y/%m/%d %H:%M:%S')} ${text}`, err: true });

/** A program listening on `port` that fails like Go's net/http when the port is taken. */
function goServer(c: ProgramContext, port: number, started: string): Program {
  if (c.portsInUse.has(port)) return exits([goLog(c, 3, `listen tcp :${port}: bind: address already in use`)], 4, 1);
  return server([goLog(c, 3, started)], [port]);
}

const python: Make = (args, c) => {
  if (!args.length) return exits([], 30, 0); // the REPL reads stdin, which is closed
  if (args[0] === '-m' && args[1] === 'http.server') {
    const port = Number(args[2] ?? 8000);
    if (c.portsInUse.has(port)) return exits([{ dt: 60, text: 'OSError: [Errno 98] Address already in use', err: true }], 70, 1);
    return { lines: [{ dt: 60, text: `Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...` }], ports: [port], handlesTerm: false };
  }
  if (args[0] === '-c') {
    const code = args[1] ?? '';
    const lines: Line[] = [];
    let dt = 30;
    for (const m of code.matchAll(/print\((['"])(.*?)\1\)|time\.sleep\((\d+(?:\.\d+)?)\)/g)) {
      if (m[3]) dt += Number(m[3]) * 1000;
      else lines.push({ dt, text: m[2]! });
    }
    if (/while True/.test(code)) return { lines, handlesTerm: false };
    return exits(lines, dt + 1, 0);
  }
  if (args[0] === '--version' || args[0] === '-V') return exits([{ dt: 5, text: `Python ${c.version}` }], 6, 0);
  return exits([{ dt: 30, text: `python3: can't open file '/${args[0]!.replace(/^\//, '')}': [Errno 2] No such file or directory`, err: true }], 31, 2);
};

const node: Make = (args, c) => {
  if (!args.length) return exits([], 40, 0);
  if (args[0] === '-e' || args[0] === '--eval') {
    const lines = [...(args[1] ?? '').matchAll(/console\.log\((['"`])(.*?)\1\)/g)].map((m) => ({ dt: 40, text: m[2]! }));
    if (/setInterval|listen\(/.test(args[1] ?? '')) return { lines, handlesTerm: false };
    return exits(lines, 41, 0);
  }
  if (args[0] === '--version' || args[0] === '-v') return exits([{ dt: 5, text: `v${c.version}` }], 6, 0);
  const file = args[0]!.startsWith('/') ? args[0]! : `/${args[0]!}`;
  return exits(
    [
      'node:internal/modules/cjs/loader:1228',
      '  throw err;',
      '  ^',
      '',
      `Error: Cannot find module '${file}'`,
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
      '    at Module._load (node:internal/modules/cjs/loader:1051:27)',
      '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)',
      '    at node:internal/main/run_main_module:28:49 {',
      "  code: 'MODULE_NOT_FOUND',",
      '  requireStack: []',
      '}',
      '',
      `Node.js v${c.version}`,
    ].map((text) => ({ dt: 40, text, err: true })),
    41,
    1,
  );
};

/** Programs by executable name. */
export const PROGRAMS: Record<string, Make> = {
  nginx,
  'nginx-debug': nginx,
  httpd: httpd,
  'httpd-foreground': httpd,
  'redis-server': redis,
  postgres,
  mysqld: mysql,
  coredns,
  hello: helloWorld,
  pause: () => ({ lines: [], handlesTerm: true, ports: [] }),
  etcd: (_a, c) =>
    server(
      [
        { dt: 30, text: `{"level":"info","ts":"${formatDate(clock(c, 30), '%Y-%m-%dT%H:%M:%S')}.123456Z","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":["etcd"]}`, err: true },
        { dt: 120, text: `{"level":"info","ts":"${formatDate(clock(c, 120), '%Y-%m-%dT%H:%M:%S')}.654321Z","caller":"etcdserver/server.go:2100","msg":"published local member to cluster through raft","local-member-id":"8e9e05c52164694d","cluster-id":"cdf818194e3a8c32"}`, err: true },
        { dt: 130, text: `{"level":"info","ts":"${formatDate(clock(c, 130), '%Y-%m-%dT%H:%M:%S')}.700000Z","caller":"embed/serve.go:250","msg":"serving client traffic securely","traffic":"grpc+http","address":"${c.podIP}:2379"}`, err: true },
      ],
      [2379, 2380, 2381],
    ),
  'kube-apiserver': (_a, c) => klog(c, 'options.go:228', ['external host was not specified, using ' + c.podIP, `Version: ${c.version}`, 'Serving securely on [::]:6443', 'Caches are synced for RemoteAvailability controller'], [6443]),
  'kube-controller-manager': (_a, c) => klog(c, 'serving.go:386', ['Generated self-signed cert in-memory', `Version: ${c.version}`, 'Serving securely on 127.0.0.1:10257', 'successfully acquired lease kube-system/kube-controller-manager'], [10257]),
  'kube-scheduler': (_a, c) => klog(c, 'serving.go:386', ['Generated self-signed cert in-memory', `Version: ${c.version}`, 'Serving securely on 127.0.0.1:10259', 'successfully acquired lease kube-system/kube-scheduler'], [10259]),
  'kube-proxy': (_a, c) => klog(c, 'server_linux.go:66', ['Using iptables proxy', `Version: ${c.version}`, 'Starting endpoint slice config controller'], []),
  'run.sh': (_a, c) =>
    c.portsInUse.has(8080)
      ? exits([{ dt: 400, text: 'nginx: [emerg] bind() to 0.0.0.0:8080 failed (98: Address already in use)', err: true }], 2500, 1)
      : server(
          ['Generating self-signed cert', 'Generating a 2048 bit RSA private key', '..+++', '.......+++', "writing new private key to '/certs/privateKey.key'", '-----', 'Starting nginx'].map((text, i) => ({ dt: 50 + i * 60, text })),
          [8080, 8443],
        ),
  'hello-app': (_a, c) => goServer(c, Number(c.env.PORT ?? 8080), `Server listening on port ${c.env.PORT ?? 8080}`),
  'http-echo': (a, c) => {
    const port = portOf(flagValue(a, '-listen'), 5678);
    return goServer(c, port, `[INFO] server is listening on :${port}`);
  },
  // `whoami` is both a coreutils command and the traefik/whoami server: the image decides.
  whoami: (a, c) => {
    if (!c.image.includes('whoami')) return exits([{ dt: 1, text: 'root' }], 2, 0);
    const port = Number(flagValue(a, '--port') ?? c.env.WHOAMI_PORT_NUMBER ?? 80);
    return goServer(c, port, `Starting up on port ${port}`);
  },
  agnhost: (a, c) => {
    const sub = a[0] ?? 'pause';
    if (sub === 'netexec') return goServer(c, Number(flagValue(a, '--http-port') ?? 8080), `Started HTTP server on port ${flagValue(a, '--http-port') ?? 8080}`);
    if (sub === 'serve-hostname') return goServer(c, Number(flagValue(a, '--port') ?? 9376), `Serving on port ${flagValue(a, '--port') ?? 9376}.`);
    if (sub === 'liveness') return goServer(c, 8080, 'Started HTTP server on port 8080');
    return { lines: [{ dt: 2, text: 'Paused' }], handlesTerm: true, ports: [] };
  },
  python,
  python3: python,
  node,
  memcached: () => server([], [11211]),
  mongod: (_a, c) => server([{ dt: 200, text: `{"t":{"$date":"${formatDate(clock(c, 200), '%Y-%m-%dT%H:%M:%S')}.000+00:00"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}` }], [27017]),
  'rabbitmq-server': (_a, c) => server([{ dt: 3000, text: `${formatDate(clock(c, 3000), '%Y-%m-%d %H:%M:%S')}.000000+00:00 [info] <0.9.0> Server startup complete; 0 plugins started.` }], [5672, 4369, 25672]),
  curl: (a) =>
    a.length ? exits([], 80, 0) : exits([{ dt: 5, text: "curl: try 'curl --help' or 'curl --manual' for more information", err: true }], 6, 2),
  tail: (a) => (a.includes('-f') || a.includes('-F') ? { lines: [], handlesTerm: false } : exits([], 2, 0)),
  yes: (a) => ({ lines: Array.from({ length: 100 }, (_, i) => ({ dt: i * 10, text: a[0] ?? 'y' })), handlesTerm: false }),
  watch: () => ({ lines: [], handlesTerm: false }),
  top: () => ({ lines: [], handlesTerm: false }),
  nc: (a) => (a.includes('-l') || a.includes('-lk') ? { lines: [], ports: [Number(a[a.length - 1]) || 0], handlesTerm: false } : exits([], 5, 1)),
  ls: () => exits([{ dt: 1, text: 'bin\ndev\netc\nhome\nlib\nproc\nroot\nsys\ntmp\nusr\nvar' }], 2, 0),
  uname: (a) => exits([{ dt: 1, text: a.includes('-a') ? 'Linux sandbox 6.8.0-sandbox #1 SMP x86_64 GNU/Linux' : 'Linux' }], 2, 0),
  id: () => exits([{ dt: 1, text: 'uid=0(root) gid=0(root) groups=0(root),10(wheel)' }], 2, 0),
  // Networking is not simulated: these tools end quietly instead of inventing answers.
  wget: () => exits([], 50, 0),
  ping: () => ({ lines: [], handlesTerm: false }),
  nslookup: () => exits([], 30, 0),
};
/** Lines the nginx entrypoint prints before handing over to nginx. */
export function entrypointLines(script: string, next: string, c: ProgramContext): Line[] {
  if (script === 'docker-entrypoint.sh' && (next === 'nginx' || next === 'nginx-debug') && c.image.includes('nginx')) return nginxEntrypointLines(c);
  return [];
}

/** A program of an image nobody catalogued: it runs until stopped, listening on the ports its container declares. */
export function genericProgram(c: ProgramContext): Program {
  const busy = c.declaredPorts.find((p) => c.portsInUse.has(p));
  if (busy !== undefined) return exits([{ dt: 50, text: `listen tcp :${busy}: bind: address already in use`, err: true }], 60, 1);
  return server([], c.declaredPorts);
}
