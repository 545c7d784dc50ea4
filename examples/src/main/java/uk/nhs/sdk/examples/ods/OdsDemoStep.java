package uk.nhs.sdk.examples.ods;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.examples.demo.DemoContext;
import uk.nhs.sdk.examples.demo.DemoStep;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.records.ods.OdsClient;
import uk.nhs.sdk.records.ods.OdsMirror;
import uk.nhs.sdk.records.ods.OdsRole;
import uk.nhs.sdk.records.ods.OdsSearch;
import uk.nhs.sdk.records.ods.Organization;

/**
 * ODS: look up the NRL sandbox's custodians by ODS code, mirror the GP practices into a temporary
 * directory and look one up offline.
 */
final class OdsDemoStep implements DemoStep {
    private static final List<String> CUSTODIANS = List.of("Y05868", "RJ11", "8J008", "RY26A", "RM559");

    @Override
    public String title() {
        return "ODS: look up the NRL custodians, mirror the GP practices, look one up offline";
    }

    @Override
    public void run(DemoContext demo) throws Exception {
        Path dir = Files.createTempDirectory("nhs-demo-ods-");
        try (OdsClient ods = OdsClient.builder()
                .baseUrl(demo.sandbox().apiBaseUrl(RecordsApi.ODS.basePath()))
                .options(demo.options())
                .apiKey(demo.sandbox().application().apiKey())
                .build()) {
            for (String code : CUSTODIANS) {
                Organization o = ods.read(OdsCode.of(code));
                demo.say("GET /Organization/" + code + ": " + o.name() + ", "
                        + o.primaryRole().map(OdsText::role).orElse("no primary role known"));
            }
            int practices =
                    ods.count(OdsSearch.builder().anyRole(OdsRole.GP_PRACTICE).build());
            demo.say("GET /Organization?roleCode=RO76&_summary=count: " + practices + " GP practices");

            OdsMirror mirror = OdsMirror.builder()
                    .directory(dir)
                    .client(ods)
                    .roles(OdsRole.GP_PRACTICE)
                    .pageSize(50)
                    .build();
            OdsMirror.SyncResult r = mirror.sync();
            demo.say("mirror (full load) of RO76 into a temporary directory: " + r.pages() + " pages of at most 50, "
                    + r.written() + " organisations written, one file each");
            OdsMirror.SyncResult again = mirror.sync();
            demo.say("sync again (incremental, by lastChangeDate and the deletion list): " + again.written()
                    + " written, " + again.removed() + " removed");
        }
        OdsMirror offline = OdsMirror.builder().directory(dir).build();
        Organization y = offline.lookup(OdsCode.of("Y05868")).orElseThrow();
        demo.say("offline lookup (no client) of Y05868: " + y.name() + ", last changed "
                + y.lastChangeDate().map(Object::toString).orElse("?"));
        delete(dir);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
