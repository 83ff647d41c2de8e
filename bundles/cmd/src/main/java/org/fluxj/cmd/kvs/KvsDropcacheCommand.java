package org.fluxj.cmd.kvs;

import picocli.CommandLine.Command;

/** {@code flux kvs dropcache}: the local KVS module forgets its cached objects. */
@Command(name = "dropcache", description = "Tell KVS to drop its cache.")
final class KvsDropcacheCommand extends AbstractKvsCommand {
    @Override
    public Integer call() {
        rpcNoPayload("flux_kvs_dropcache", "kvs.dropcache", null);
        return 0;
    }
}
