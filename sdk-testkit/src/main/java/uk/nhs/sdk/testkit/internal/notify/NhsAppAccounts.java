package uk.nhs.sdk.testkit.internal.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * {@code GET /channels/nhsapp/accounts}: the hosted sandbox's answers. {@code T00001} has eight
 * pages (the sandbox's own files), {@code T00404} has no report (404), {@code T00429} is rate
 * limited (429), {@code T00502} fails downstream (502), and any other code of a valid format (or
 * {@code X26}) has one page of two accounts.
 */
final class NhsAppAccounts {
    static final String PATH = "/channels/nhsapp/accounts";
    private static final Pattern ODS = Pattern.compile("[A-Za-z]\\d{5}|[A-Za-z]\\d[A-Za-z]\\d[A-Za-z]");
    private static final int PAGES = 8;

    private NhsAppAccounts() {}

    /**
     * A page of accounts.
     *
     * @param odsCode the {@code ods-organisation-code} parameter, or {@code null}
     * @param page the {@code page} parameter, or {@code null}
     * @param url the accounts URL on this sandbox
     * @return the body
     * @throws NotifyError for the refusals above
     */
    static String page(String odsCode, String page, String url) {
        if (odsCode == null || odsCode.isBlank()) {
            throw NotifyError.accountsBadRequest("Missing ODS Code");
        }
        String ods = odsCode.toUpperCase(Locale.ROOT);
        switch (ods) {
            case "T00502":
                throw NotifyError.badGateway();
            case "T00404":
                throw NotifyError.accountsNotFound();
            case "T00429":
                throw NotifyError.accountsQuota();
            default:
                break;
        }
        if (!ODS.matcher(ods).matches() && !"X26".equals(ods)) {
            throw NotifyError.accountsBadRequest("Invalid ODS Code");
        }
        int n = 1;
        if (page != null) {
            try {
                n = Integer.parseInt(page);
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n <= 0) {
                throw NotifyError.accountsBadRequest("Invalid page number");
            }
        }
        if ("T00001".equals(ods)) {
            if (n > PAGES) {
                throw NotifyError.accountsNotFound();
            }
            return load(n).replace("%PATH_ROOT%", url);
        }
        if (n != 1) {
            throw NotifyError.accountsNotFound();
        }
        ObjectNode root = Json.object();
        ObjectNode data = root.putObject("data");
        data.put("id", ods);
        data.put("type", "NhsAppAccounts");
        var accounts = data.putObject("attributes").putArray("accounts");
        accounts.addObject().put("nhsNumber", "9074662803").put("notificationsEnabled", true);
        accounts.addObject().put("nhsNumber", "9903002157").put("notificationsEnabled", false);
        ObjectNode links = root.putObject("links");
        String self = url + "?ods-organisation-code=" + ods + "&page=1";
        links.put("last", self);
        links.put("self", self);
        return Json.write(root);
    }

    private static String load(int page) {
        try (InputStream in = NhsAppAccounts.class.getResourceAsStream("nhsapp-accounts/" + page + ".json")) {
            if (in == null) {
                throw new IllegalStateException("the NHS App accounts page " + page + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
