package org.rectificationhub.ingest.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server on the loopback address, for the hub's replies, that answers each recipient as told: refused
 * for good (550), refused for now (451) a number of times, else accepted, the mail kept. What a mail server does to
 * the hub's replies, which the embedded server never does.
 */
final class AnsweringSmtp implements AutoCloseable {

    private final ServerSocket socket;
    private final Map<String, Deque<int[]>> counts = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> answers = new ConcurrentHashMap<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    AnsweringSmtp() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "answering-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /**
     * The next {@code times} RCPT TO this address (after those already told) are answered with {@code reply}, such
     * as "550 5.1.1 no such user"; then accepted again.
     */
    synchronized void answer(String address, String reply, int times) {
        String key = address.toLowerCase(Locale.ROOT);
        answers.computeIfAbsent(key, a -> new ArrayDeque<>()).add(reply);
        counts.computeIfAbsent(key, a -> new ArrayDeque<>()).add(new int[]{times});
    }

    /** The mails accepted, as sent (headers and body). */
    List<String> accepted() {
        return List.copyOf(accepted);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread session = new Thread(() -> session(client), "answering-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void session(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8)); Writer out = new OutputStreamWriter(client.getOutputStream(),
                StandardCharsets.UTF_8)) {
            say(out, "220 answering-smtp ready");
            boolean recipient = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    say(out, "250 answering-smtp");
                } else if (command.startsWith("MAIL FROM")) {
                    recipient = false;
                    say(out, "250 OK");
                } else if (command.startsWith("RCPT TO")) {
                    String reply = answerFor(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
                    recipient |= reply.startsWith("250");
                    say(out, reply);
                } else if (command.equals("DATA")) {
                    if (!recipient) {
                        say(out, "554 no valid recipients");
                        continue;
                    }
                    say(out, "354 go ahead");
                    StringBuilder mail = new StringBuilder();
                    for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                        mail.append(data.startsWith("..") ? data.substring(1) : data).append("\r\n");
                    }
                    accepted.add(mail.toString());
                    say(out, "250 OK queued");
                } else if (command.equals("QUIT")) {
                    say(out, "221 bye");
                    return;
                } else {
                    say(out, "250 OK"); // RSET, NOOP
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the client hung up
        }
    }

    private synchronized String answerFor(String address) {
        String key = address.toLowerCase(Locale.ROOT);
        Deque<String> replies = answers.get(key);
        if (replies == null || replies.isEmpty()) {
            return "250 OK";
        }
        String reply = replies.peek();
        if (--counts.get(key).peek()[0] == 0) {
            replies.poll();
            counts.get(key).poll();
        }
        return reply;
    }

    private static void say(Writer out, String reply) throws IOException {
        out.write(reply + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
