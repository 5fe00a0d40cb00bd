package io.leadtriage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.local.LocalRunner;
import io.leadtriage.local.SamTemplate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load test of the local stack, on loopback only (clients bind 127.0.0.x so that each has its
 * own address, as API Gateway would see it): a steady rate for a while, a burst of concurrent posts,
 * one abusive client far above its limit, and a share of retries of earlier submissions. Afterwards it
 * reconciles every 2xx against the stored leads and the caught alerts and prints the figures.
 * Not part of `mvn verify`: {@code mvn -q -DskipTests -Pbench -Dbench=LoadTest -pl bench -am package} (LOAD_SECONDS, LOAD_RATE,
 * BURST_CLIENTS change the defaults of 300 s at 50/s and 200 concurrent for 10 s).
 */
public final class LoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ABUSIVE_IP = "127.0.0.2";

    record Result(String ip, int status, long micros, String leadId, String email, boolean hot, boolean retry) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getenv().getOrDefault("LOAD_SECONDS", "300"));
        int rate = Integer.parseInt(System.getenv().getOrDefault("LOAD_RATE", "50"));
        int burst = Integer.parseInt(System.getenv().getOrDefault("BURST_CLIENTS", "200"));
        try (LocalRunner stack = LocalRunner.start(new LocalRunner.Options(0, null, SamTemplate.locate(), Clock.systemUTC()))) {
            int port = Integer.parseInt(stack.baseUrl().substring(stack.baseUrl().lastIndexOf(':') + 1));
            List<Result> results = Collections.synchronizedList(new ArrayList<>());
            Map<String, String[]> earlier = new ConcurrentHashMap<>();
            List<String> earlierKeys = Collections.synchronizedList(new ArrayList<>());
            Random random = new Random(2026);
            AtomicInteger sequence = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(64);

            System.out.printf("steady phase: %d requests/s for %d s from 100 clients, plus one client at 10x its limit%n", rate, seconds);
            ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
            long periodMicros = 1_000_000L / rate;
            ticker.scheduleAtFixedRate(() -> workers.submit(() -> results.add(post(port, random, sequence, earlier,
                    earlierKeys, "127.0.0." + (10 + sequence.get() % 100)))), 0, periodMicros, TimeUnit.MICROSECONDS);
            ticker.scheduleAtFixedRate(() -> workers.submit(() -> results.add(post(port, random, sequence, earlier,
                    earlierKeys, ABUSIVE_IP))), 0, 100, TimeUnit.MILLISECONDS);
            Thread.sleep(seconds * 1000L);
            ticker.shutdownNow();

            System.out.printf("burst phase: %d concurrent clients for 10 s%n", burst);
            ExecutorService burstPool = Executors.newFixedThreadPool(burst);
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (int c = 0; c < burst; c++) {
                String ip = "127.0.1." + (c % 250 + 1);
                burstPool.submit(() -> {
                    while (System.nanoTime() < until) {
                        results.add(post(port, random, sequence, earlier, earlierKeys, ip));
                    }
                });
            }
            burstPool.shutdown();
            burstPool.awaitTermination(60, TimeUnit.SECONDS);
            workers.shutdown();
            workers.awaitTermination(60, TimeUnit.SECONDS);
            stack.services().dispatcher().dispatchDue(10_000, Duration.ofSeconds(60));
            report(stack, List.copyOf(results));
        }
    }

    static Result post(int port, Random random, AtomicInteger sequence, Map<String, String[]> earlier,
                       List<String> earlierKeys, String ip) {
        boolean retry;
        String submissionId;
        String email;
        boolean hot;
        synchronized (random) {
            retry = !earlierKeys.isEmpty() && random.nextDouble() < 0.3;
            if (retry) {
                submissionId = earlierKeys.get(random.nextInt(earlierKeys.size()));
                email = earlier.get(submissionId)[0];
                hot = Boolean.parseBoolean(earlier.get(submissionId)[1]);
            } else {
                submissionId = java.util.UUID.randomUUID().toString();
                email = "load" + sequence.incrementAndGet() + "@load-test.example";
                hot = random.nextInt(4) == 0;
            }
        }
        String body = "{\"email\":\"" + email + "\",\"name\":\"Load " + email.substring(4, email.indexOf('@'))
                + "\",\"company\":\"Acme\",\"timeline\":\"" + (hot ? "now" : "6m+") + "\",\"consent\":true,\"submissionId\":\""
                + submissionId + "\"}";
        String form = hot ? "demo" : "newsletter";
        long started = System.nanoTime();
        int status;
        String leadId = null;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(ip), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(30_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/forms/" + form + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\nConnection: close\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            status = Integer.parseInt(statusLine.split(" ")[1]);
            StringBuilder response = new StringBuilder();
            boolean inBody = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (inBody) {
                    response.append(line);
                } else if (line.isEmpty()) {
                    inBody = true;
                }
            }
            if (status < 300) {
                JsonNode answer = JSON.readTree(response.toString());
                leadId = answer.path("leadId").asText(null);
                if (!retry) {
                    earlier.put(submissionId, new String[]{email, String.valueOf(hot)});
                    earlierKeys.add(submissionId);
                }
            }
        } catch (IOException | RuntimeException e) {
            status = -1;
        }
        return new Result(ip, status, (System.nanoTime() - started) / 1000, leadId, email, hot, retry);
    }

    static void report(LocalRunner stack, List<Result> results) {
        List<Result> accepted = results.stream().filter(r -> r.status() >= 200 && r.status() < 300).toList();
        long lost = accepted.stream().filter(r -> stack.services().storage().queries().findById(r.leadId()).isEmpty()).count();
        long fiveXx = results.stream().filter(r -> r.status() >= 500).count();
        long failedToConnect = results.stream().filter(r -> r.status() < 0).count();
        long abusive = results.stream().filter(r -> r.ip().equals(ABUSIVE_IP)).count();
        long abusive429 = results.stream().filter(r -> r.ip().equals(ABUSIVE_IP) && r.status() == 429).count();
        long normal429 = results.stream().filter(r -> !r.ip().equals(ABUSIVE_IP) && r.status() == 429).count();
        long retries = results.stream().filter(Result::retry).count();
        List<Long> latencies = new ArrayList<>(results.stream().filter(r -> r.status() > 0).map(Result::micros).toList());
        Collections.sort(latencies);
        List<String> hotLeads = accepted.stream().filter(Result::hot).map(Result::leadId).distinct().toList();
        long hotWithoutAlert = hotLeads.stream().filter(id -> stack.services().storage().queries().findById(id)
                .map(l -> l.sales().firstAlertSentAt() == null).orElse(true)).count();
        System.out.printf("requests %d (retries of earlier submissions %d), 2xx %d, 429 %d (abusive client %d of its %d;"
                        + " others %d), 5xx %d, connection failures %d%n", results.size(), retries, accepted.size(),
                abusive429 + normal429, abusive429, abusive, normal429, fiveXx, failedToConnect);
        System.out.printf("accepted leads lost: %d   hot leads %d, without an alert handed to the mail service: %d%n",
                lost, hotLeads.size(), hotWithoutAlert);
        System.out.printf("latency p50 %.1f ms   p99 %.1f ms   max %.1f ms%n", at(latencies, 0.5) / 1000.0,
                at(latencies, 0.99) / 1000.0, latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1000.0);
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
