package org.archivegraph.neo4jlocal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs Neo4j Community embedded, with the Bolt connector on a local address
 * and authentication disabled, until the process receives SIGTERM/SIGINT.
 *
 * <pre>
 * java ... org.archivegraph.neo4jlocal.Neo4jLocal --home DIR [--port 7687]
 *     [--host 127.0.0.1] [--pagecache 128m]
 * </pre>
 *
 * Layout under DIR: data/ (stores and transaction logs), logs/ (Neo4j's own
 * debug.log), neo4j-local.pid (this process), neo4j-local.ready (present while
 * the default database accepts work). An optional DIR/neo4j.conf is read for
 * extra settings; the settings below that this launcher needs (addresses,
 * auth, page cache) always win over it.
 */
public final class Neo4jLocal {

    static final String PID_FILE = "neo4j-local.pid";
    static final String READY_FILE = "neo4j-local.ready";

    private Neo4jLocal() {}

    public static void main(String[] args) {
        Options opts;
        try {
            opts = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("neo4j-local: " + e.getMessage());
            System.err.println("usage: Neo4jLocal --home DIR [--port N] [--host ADDR] [--pagecache SIZE]");
            System.exit(2);
            return;
        }
        try {
            run(opts);
        } catch (Throwable t) {
            System.err.println("neo4j-local: failed to start: " + rootMessage(t));
            t.printStackTrace(System.err);
            System.err.flush();
            // halt: do not let half-started Neo4j threads keep the JVM alive.
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(Options o) throws Exception {
        Instant t0 = Instant.now();
        Path home = o.home.toAbsolutePath().normalize();
        Files.createDirectories(home);
        Path pidFile = home.resolve(PID_FILE);
        Path readyFile = home.resolve(READY_FILE);
        Files.deleteIfExists(readyFile);
        long pid = ProcessHandle.current().pid();
        writeAtomically(pidFile, pid + "\n");

        log("starting Neo4j in " + home + " (bolt " + o.host + ":" + o.port + ", pid " + pid + ")");

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        Path userConf = home.resolve("neo4j.conf");
        if (Files.isRegularFile(userConf)) {
            log("reading extra settings from " + userConf);
            builder.loadPropertiesFromFile(userConf);
        }
        SocketAddress bolt = new SocketAddress(o.host, o.port);
        builder
                // Network: Bolt only, on the loopback address, advertised as
                // such so that neo4j:// routing tables point back here.
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(o.host))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(o.host))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // No cluster-internal routing connector (it would bind :7688
                // and collide between several local instances).
                .setConfig(GraphDatabaseSettings.routing_enabled, false)
                // Local development database: no authentication.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Modest footprint.
                .setConfig(GraphDatabaseSettings.pagecache_memory, o.pagecacheBytes)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "128M size")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
                // Quick "down": do not linger seconds for Bolt workers and
                // connections once the databases are already stopped.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                // No usage reporting.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO));

        DatabaseManagementService dbms = builder.build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                log("shutting down");
                deleteQuietly(readyFile);
                dbms.shutdown();
                log("stopped");
            } catch (Throwable t) {
                System.err.println("neo4j-local: error during shutdown: " + rootMessage(t));
                t.printStackTrace(System.err);
            } finally {
                removePidFileIfOurs(pidFile, pid);
                System.out.flush();
                System.err.flush();
                stopped.countDown();
            }
        }, "neo4j-local-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(TimeUnit.MINUTES.toMillis(3))) {
            throw new IllegalStateException("database '" + db.databaseName() + "' did not become available");
        }
        String version = db.executeTransactionally(
                "CALL dbms.components() YIELD name, versions, edition "
                        + "RETURN name + ' ' + versions[0] + ' ' + edition AS v",
                Map.of(),
                r -> r.hasNext() ? String.valueOf(r.next().get("v")) : "unknown");

        writeAtomically(readyFile, "bolt://" + o.host + ":" + o.port + "\n" + version + "\n");
        long ms = Duration.between(t0, Instant.now()).toMillis();
        log("ready in " + ms + " ms: " + version + " at bolt://" + o.host + ":" + o.port
                + " (auth disabled, default database '" + db.databaseName() + "')");

        stopped.await();
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void removePidFileIfOurs(Path pidFile, long pid) {
        try {
            if (Files.isRegularFile(pidFile)
                    && Files.readString(pidFile, StandardCharsets.UTF_8).trim().equals(Long.toString(pid))) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage();
        return r.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void log(String msg) {
        System.out.println(Instant.now() + " neo4j-local: " + msg);
        System.out.flush();
    }

    /** Command-line options. */
    static final class Options {
        Path home;
        String host = "127.0.0.1";
        int port = BoltConnector.DEFAULT_PORT;
        long pagecacheBytes = ByteUnit.mebiBytes(128);

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--home":
                        o.home = Path.of(v);
                        break;
                    case "--host":
                        o.host = v;
                        break;
                    case "--port":
                        try {
                            o.port = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("bad port: " + v);
                        }
                        if (o.port < 1 || o.port > 65535) {
                            throw new IllegalArgumentException("bad port: " + v);
                        }
                        break;
                    case "--pagecache":
                        try {
                            o.pagecacheBytes = ByteUnit.parse(v);
                        } catch (RuntimeException e) {
                            throw new IllegalArgumentException("bad page cache size: " + v);
                        }
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option: " + a);
                }
            }
            if (o.home == null) {
                throw new IllegalArgumentException("--home is required");
            }
            return o;
        }
    }
}
