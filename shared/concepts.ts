import { z } from 'zod';

/** The chapters of the curriculum, in the order a course takes them. */
export const CHAPTERS = [
  { id: 'foundations', title: 'Foundations' },
  { id: 'load-balancing', title: 'Load balancing' },
  { id: 'caching', title: 'Caching' },
  { id: 'data', title: 'Data' },
  { id: 'async', title: 'Async and messaging' },
  { id: 'reliability', title: 'Reliability and protection' },
  { id: 'services', title: 'Services and APIs' },
  { id: 'global', title: 'Global' },
  { id: 'sandbox', title: 'Sandbox' },
] as const;
export type ChapterId = (typeof CHAPTERS)[number]['id'];
export const chapterSchema = z.enum(CHAPTERS.map((c) => c.id) as [ChapterId, ...ChapterId[]]);

/**
 * How a concept is met: `played` when a mechanic makes it change the outcome and a level teaches it;
 * `planned` when its mechanic or its level is still to come (`planned` names where); `text` when it is
 * knowledge by nature (a glossary entry, not a mechanic).
 */
export type ConceptStatus = 'played' | 'planned' | 'text';

interface Concept {
  id: string;
  chapter: ChapterId;
  name: string;
  /** At most two short lines: what it is and what it does to a system. */
  definition: string;
  status: ConceptStatus;
  /** For a planned concept: what it waits for. */
  planned?: string;
}

const LB_ISSUE = 'comes with the load-balancing mechanics';
const CACHE_ISSUE = 'comes with the caching mechanics';
const SERVICES_ISSUE = 'comes with services and endpoints';
const LEVEL_TO_COME = 'built in the engine; its level is to come';
const NOT_BUILT = 'not modelled yet';

function c(id: string, chapter: ChapterId, name: string, definition: string, status: ConceptStatus = 'played', planned?: string): Concept {
  return planned === undefined ? { id, chapter, name, definition, status } : { id, chapter, name, definition, status, planned };
}

/** Every concept of the syllabus, one per row of the curriculum map, and the text-only glossary. */
export const CONCEPTS: readonly Concept[] = [
  c('client-server', 'foundations', 'Client-server, three tiers', 'A request walks from the client through app servers to a database; each tier adds latency and can fail.'),
  c('vertical-scaling', 'foundations', 'Vertical scaling', 'A bigger machine serves more, up to the largest size there is; cost grows faster than capacity and it is still one machine.'),
  c('horizontal-scaling', 'foundations', 'Horizontal scaling', 'More instances share the load; a new instance needs time to warm up before it serves.'),
  c('autoscaling', 'foundations', 'Autoscaling', 'Instances added and removed by a rule on utilization; it reacts late to a sudden spike unless it keeps headroom.'),
  c('single-point-of-failure', 'foundations', 'Single point of failure', 'One component whose failure takes everything down, because nothing else can do its job.'),
  c('latency-rtt', 'foundations', 'Latency, regions and round trips', 'Users far from a server wait a network round trip per call; capacity near them removes it.'),
  c('queueing', 'foundations', 'Utilization and queueing', 'As a server nears full use, requests wait in its queue and response time grows without bound.'),
  c('batching', 'foundations', 'Throughput vs latency; batching', 'Grouping work raises throughput per machine but makes each item wait for its batch.', 'planned', NOT_BUILT),
  c('dns-ttl', 'foundations', 'DNS resolution and TTL', 'Resolvers cache an answer for its TTL: after a change or a failure, users keep going to the old target until it expires.'),
  c('round-robin', 'load-balancing', 'Round-robin and random balancing', 'Round-robin hands requests to servers in turn, smoothing each one\'s arrivals; random is lumpier. Neither looks at load.', 'planned', LB_ISSUE),
  c('weighted-round-robin', 'load-balancing', 'Weighted round-robin', 'Servers of unequal size get shares in proportion to their weights, so the small one does not drown.', 'planned', LB_ISSUE),
  c('least-connections', 'load-balancing', 'Least connections', 'Each request goes to the server with the fewest in progress: it follows real load and copes with slow servers.', 'planned', LB_ISSUE),
  c('sticky-sessions', 'load-balancing', 'IP hash and sticky sessions', 'A client always lands on the same server (its session, its local cache), which piles a big client onto one server.', 'planned', LB_ISSUE),
  c('consistent-hashing', 'load-balancing', 'Consistent hashing', 'Keys map to a ring of servers so adding one moves about 1/n of the keys, where hashing mod n moves almost all.', 'planned', LB_ISSUE),
  c('health-checks', 'load-balancing', 'Health checks and redundancy', 'A load balancer probes its servers and sends traffic only to live ones, so a second pool keeps the service up.'),
  c('l4-l7', 'load-balancing', 'Layer 4 vs layer 7', 'A layer-7 balancer reads the request and routes by path to different pools; layer 4 sees only connections.', 'planned', SERVICES_ISSUE),
  c('reverse-proxy', 'load-balancing', 'Reverse proxy, TLS termination', 'One public entry hides the servers behind it; ending TLS there takes that work off the app servers.', 'planned', LB_ISSUE),
  c('forward-proxy', 'load-balancing', 'Forward proxy', 'Many users behind one proxy look like one client: per-client limits and IP hash misfire.', 'planned', LB_ISSUE),
  c('stateless-servers', 'load-balancing', 'Stateless servers and a session store', 'Sessions kept on a server are lost when it dies or is scaled in; a shared session store avoids it.', 'planned', LB_ISSUE),
  c('cache-aside', 'caching', 'Cache-aside and hit ratio', 'The app reads the cache first and the database on a miss; popular keys (Zipf) make a small cache hit often.'),
  c('cold-cache', 'caching', 'Cold start and stampede', 'An empty or flushed cache sends every read to the database at once until it warms.', 'planned', CACHE_ISSUE),
  c('ttl-staleness', 'caching', 'TTL and staleness', 'A long TTL raises hits but serves data changed since it was cached; a short one costs hits.', 'planned', CACHE_ISSUE),
  c('write-policies', 'caching', 'Write-through, write-around, write-back', 'Through: consistent, slower writes. Around: misses after writes. Back: fast writes, lost if the cache dies.', 'planned', CACHE_ISSUE),
  c('eviction', 'caching', 'Eviction: FIFO, LRU, LFU', 'What a full cache drops: LRU the least recent, LFU the least used (which keeps yesterday\'s hits), FIFO the oldest.', 'planned', CACHE_ISSUE),
  c('cdn', 'caching', 'CDN', 'Servers near users keep copies of static content, so those requests never cross the world or reach the app.'),
  c('cdn-push-pull', 'caching', 'CDN pull vs push, private content', 'Pull fetches on a miss; push uploads ahead at a storage cost; private or dynamic content cannot be cached at the edge.', 'planned', CACHE_ISSUE),
  c('memory-vs-disk', 'caching', 'In-memory vs disk', 'A cache in memory answers about a hundred times more reads than a database on disk.'),
  c('browser-cache', 'caching', 'Browser and client cache', 'A response cached by the client is never requested again until it expires.', 'planned', CACHE_ISSUE),
  c('replication', 'data', 'Leader-follower replication', 'Read replicas copy the primary and add read capacity; they lag behind it, so a read after a write may be stale.'),
  c('failover', 'data', 'Standby and failover', 'A standby takes over when the primary dies, after detection and promotion; an async standby loses its unreplicated writes.'),
  c('multi-leader', 'data', 'Leader-leader replication', 'Every region takes writes, and conflicting writes must be reconciled.'),
  c('sharding', 'data', 'Hash sharding and hot keys', 'Shards split the data and its load by key; one very popular key still lands on a single shard.'),
  c('range-sharding', 'data', 'Range sharding and resharding', 'Ranges keep scans local but sequential keys make one hot shard; moving data costs capacity while it runs.', 'planned', NOT_BUILT),
  c('federation', 'data', 'Federation', 'One database per function (users, orders): each is smaller, but joins across them become calls.', 'planned', SERVICES_ISSUE),
  c('denormalization', 'data', 'Denormalization', 'Copies of data where it is read: fewer queries per read, more work per write and more storage.', 'planned', NOT_BUILT),
  c('indexing', 'data', 'Indexing', 'An index makes a query far cheaper and every write a little dearer.', 'planned', NOT_BUILT),
  c('sql-nosql', 'data', 'SQL vs NoSQL', 'NoSQL stores scale out by key and are often eventually consistent; SQL gives transactions and joins and scales up first.', 'planned', NOT_BUILT),
  c('cap', 'data', 'CAP and consistency', 'Under a network partition a system refuses writes to stay consistent (CP) or accepts them and reconciles (AP).'),
  c('object-storage', 'data', 'Object storage', 'Big files belong in object storage behind a CDN, not in the database.', 'planned', LEVEL_TO_COME),
  c('message-queue', 'async', 'Message queue and workers', 'A queue acknowledges deferrable work at once and workers drain it later; a full queue refuses with 503.'),
  c('back-pressure', 'async', 'Back pressure', 'A system that is full says so (503, a full queue) instead of accepting work it cannot finish.'),
  c('pub-sub', 'async', 'Publish-subscribe fan-out', 'One event reaches many subscribers; a slow subscriber must not slow the producer.', 'planned', SERVICES_ISSUE),
  c('dead-letter-queue', 'async', 'Dead-letter queue', 'Messages that keep failing are set aside, so they do not block the queue forever.', 'planned', NOT_BUILT),
  c('batch-stream', 'async', 'Batch vs stream', 'A nightly batch competes with live traffic for the database unless it runs on a replica or off-peak.', 'planned', NOT_BUILT),
  c('push-polling', 'async', 'Websockets, polling, webhooks', 'Polling multiplies mostly empty requests; push sends only on change but holds connections open.', 'planned', NOT_BUILT),
  c('series-parallel', 'reliability', 'Availability in series and parallel', 'A chain is as available as the product of its parts; redundant parts multiply their unavailabilities instead.'),
  c('zone-region-failure', 'reliability', 'Zone and region failure', 'Whole zones and regions fail; only what is spread across them survives.'),
  c('dns-failover', 'reliability', 'DNS failover, active-passive and active-active', 'Health-checked DNS moves users to another region after detection and one TTL; active-active loses less and costs more.'),
  c('slow-dependency', 'reliability', 'Slow dependencies', 'A slow database makes every request that needs it wait longer: queues grow and requests time out; a cache or replica can take the reads.'),
  c('retries-backoff', 'reliability', 'Retries, backoff and jitter', 'Retries multiply load; without backoff a short spike becomes an outage that outlives it.', 'planned', NOT_BUILT),
  c('circuit-breaker', 'reliability', 'Timeouts and circuit breakers', 'A breaker fails fast while a dependency is sick, so callers are not tied up and it can recover.', 'planned', NOT_BUILT),
  c('idempotency', 'reliability', 'Idempotency', 'An idempotency key makes a retried request safe: a payment sent twice charges once.', 'planned', NOT_BUILT),
  c('rate-limiting', 'reliability', 'Rate limiting', 'Per-client limits (fixed window, sliding window, token bucket) protect a service; too strict throttles real users.'),
  c('ddos-filtering', 'reliability', 'DDoS filtering and WAF', 'Filter bad traffic at the edge, before it costs servers any work.'),
  c('injection', 'reliability', 'Injection and least privilege', 'Unsanitized input reaching the database is a breach, whatever the availability.', 'planned', NOT_BUILT),
  c('microservices', 'services', 'Monolith vs microservices', 'In a monolith one slow endpoint ties up every server; services fail and scale alone, at the price of hops and more to run.', 'planned', SERVICES_ISSUE),
  c('api-gateway', 'services', 'API gateway', 'One entry that routes by endpoint, authenticates, limits and filters before the services see a request.'),
  c('service-discovery', 'services', 'Service discovery', 'Callers look up instances that move; stale registrations send traffic to the dead.', 'planned', SERVICES_ISSUE),
  c('rpc', 'services', 'REST vs RPC', 'Binary RPC costs less per call and per byte, which matters on chatty internal paths.', 'planned', SERVICES_ISSUE),
  c('serverless', 'services', 'Serverless', 'Functions scale to zero and per request, with cold starts and a price per call.', 'planned', SERVICES_ISSUE),
  c('geo-routing', 'global', 'Geo DNS', 'DNS sends each user to the nearest healthy region, so far users meet capacity near them.'),
  c('partitions', 'global', 'Network partitions', 'The link between regions can split: no calls and no replication cross it until it heals.'),
  c('frameworks', 'foundations', 'Web frameworks and MVC', 'Libraries (Flask, Django, FastAPI, Rails) that shape an app server\'s code; the game treats the app as one service time.', 'text'),
  c('web-servers', 'foundations', 'Web servers', 'nginx and Apache accept connections and serve files or pass requests on; in the game, a gateway or app pool.', 'text'),
  c('ip-tcp-udp', 'foundations', 'IP, TCP and UDP', 'IP addresses machines; TCP gives ordered, reliable streams; UDP sends datagrams without either.', 'text'),
  c('http-https', 'foundations', 'HTTP and HTTPS', 'The request-response protocol of the web; HTTPS wraps it in TLS for privacy and integrity.', 'text'),
  c('system-vs-software-architecture', 'foundations', 'System design vs software architecture', 'System design arranges machines and data flows; software architecture arranges code inside one program.', 'text'),
  c('nosql-models', 'data', 'NoSQL data models', 'Key-value, document, wide-column and graph stores: each fits a shape of data and query.', 'text'),
  c('api-keys-jwt', 'services', 'API keys and JWT', 'An API key names a caller; a JWT is a signed token carrying who the user is and what they may do.', 'text'),
  c('estimation', 'foundations', 'Back-of-the-envelope estimation', 'Rough sums of users, requests per second, bytes and machines, to size a design before building it.', 'text'),
];

const CONCEPT_IDS = CONCEPTS.map((x) => x.id) as [string, ...string[]];
export const conceptIdSchema = z.enum(CONCEPT_IDS);

export function conceptById(id: string): Concept | undefined {
  return CONCEPTS.find((x) => x.id === id);
}

export function chapterTitle(id: ChapterId): string {
  return CHAPTERS.find((ch) => ch.id === id)!.title;
}
