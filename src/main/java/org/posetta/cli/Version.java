package org.posetta.cli;

import picocli.CommandLine;

/** The version printed by {@code --version}, from the jar's manifest. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"posetta " + (v == null ? "(development build)" : v)};
    }
}
