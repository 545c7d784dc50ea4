package uk.nhs.sdk.examples.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.examples.CommonOptions;
import uk.nhs.sdk.examples.Env;
import uk.nhs.sdk.examples.Output;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.messaging.notify.ChannelStatusEvent;
import uk.nhs.sdk.messaging.notify.MessageStatusEvent;
import uk.nhs.sdk.messaging.notify.NotifyCallbackEvent;
import uk.nhs.sdk.messaging.notify.NotifyCallbackResult;
import uk.nhs.sdk.messaging.notify.NotifyCallbackVerifier;

/**
 * {@code nhs notify verify-callback --body FILE --headers FILE --application-id ID}: what a
 * callback endpoint decides about a callback NHS Notify sent, offline: the status to answer (202,
 * 401 or 403, or 400 for a body that is not a callback) and the events it carries. Exit status 0
 * when the callback is genuine, 1 otherwise.
 */
@Command(
        name = "verify-callback",
        mixinStandardHelpOptions = true,
        description = "Verify a received callback (its raw body and headers saved to files): the status to answer "
                + "and its events. Exit status 0 when genuine.")
final class VerifyCallbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(
            names = "--body",
            required = true,
            paramLabel = "FILE",
            description = "The raw request body, byte for byte.")
    Path body;

    @Option(
            names = "--headers",
            required = true,
            paramLabel = "FILE",
            description = "The request headers, one 'Name: value' a line (an HTTP request line first is ignored).")
    Path headers;

    @Option(
            names = "--application-id",
            required = true,
            paramLabel = "ID",
            description = "Your API Platform application id (the first half of the signing key).")
    String applicationId;

    @Option(
            names = "--callback-api-key",
            paramLabel = "KEY",
            description = "The API key NHS Notify sends in x-api-key and signs with (or NHS_NOTIFY_CALLBACK_API_KEY).")
    String apiKey;

    @Override
    public Integer call() {
        Output out = Output.of(spec, common);
        Secret key = Optional.ofNullable(apiKey)
                .or(() -> Env.get("NHS_NOTIFY_CALLBACK_API_KEY"))
                .map(Secret::of)
                .orElseThrow(
                        () -> new UsageException("--callback-api-key (or NHS_NOTIFY_CALLBACK_API_KEY) is missing"));
        byte[] raw;
        Map<String, List<String>> headerMap;
        try {
            raw = Files.readAllBytes(body);
            headerMap = headers(Files.readAllLines(headers, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("--body and --headers must be readable files");
        }
        NotifyCallbackResult result = NotifyCallbackVerifier.builder()
                .applicationId(applicationId)
                .apiKey(key)
                .build()
                .verify(headerMap, raw);
        out.text("answer " + result.status() + ": " + result.reason());
        List<Map<String, Object>> events = new ArrayList<>();
        for (NotifyCallbackEvent e : result.events()) {
            out.text("  " + describe(e));
            events.add(json(e));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", result.status());
        json.put("reason", result.reason());
        json.put("events", events);
        out.jsonValue(json);
        out.flush();
        return result.accepted() ? 0 : 1;
    }

    static Map<String, List<String>> headers(List<String> lines) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (line.isBlank() || colon <= 0 || line.startsWith("POST ") || line.startsWith("HTTP/")) {
                continue;
            }
            map.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return map;
    }

    private static String describe(NotifyCallbackEvent e) {
        if (e instanceof MessageStatusEvent) {
            MessageStatusEvent m = (MessageStatusEvent) e;
            return "message " + m.messageId() + ": " + m.messageStatus().value() + " at " + m.timestamp()
                    + m.failureReasonCode().map(c -> " (" + c + ")").orElse("");
        }
        ChannelStatusEvent c = (ChannelStatusEvent) e;
        return "message " + c.messageId() + " channel " + c.cascadeOrder() + " "
                + c.channel().value() + ": "
                + c.channelStatus().value()
                + c.supplierStatus().map(s -> " (supplier: " + s.value() + ")").orElse("")
                + " at " + c.timestamp();
    }

    private static Map<String, Object> json(NotifyCallbackEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", e.messageId());
        m.put("idempotencyKey", e.idempotencyKey());
        if (e instanceof MessageStatusEvent) {
            MessageStatusEvent s = (MessageStatusEvent) e;
            m.put("type", "MessageStatus");
            m.put("messageStatus", s.messageStatus().value());
            m.put("timestamp", s.timestamp().toString());
        } else {
            ChannelStatusEvent c = (ChannelStatusEvent) e;
            m.put("type", "ChannelStatus");
            m.put("channel", c.channel().value());
            m.put("cascadeOrder", c.cascadeOrder());
            m.put("channelStatus", c.channelStatus().value());
            c.supplierStatus().ifPresent(s -> m.put("supplierStatus", s.value()));
            m.put("timestamp", c.timestamp().toString());
        }
        return m;
    }
}
