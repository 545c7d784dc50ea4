package uk.nhs.sdk.examples;

import picocli.CommandLine;

/**
 * The tool's version, from the jar manifest.
 */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = NhsCli.class.getPackage().getImplementationVersion();
        return new String[] {"nhs " + (v == null ? "development build" : v)};
    }
}
