package org.fluxj.pmi;

/** Text for RFC 13 result codes, as flux-core's pmi_strerror. */
public final class PmiErrors {
    private PmiErrors() {
    }

    public static String describe(int result) {
        return switch (result) {
            case Pmi.SUCCESS -> "operation completed successfully";
            case Pmi.FAIL -> "operation failed";
            case Pmi.ERR_INIT -> "PMI is not initialized";
            case Pmi.ERR_NOMEM -> "input buffer not large enough";
            case Pmi.ERR_INVALID_ARG -> "invalid argument";
            case Pmi.ERR_INVALID_KEY -> "invalid key argument";
            case Pmi.ERR_INVALID_KEY_LENGTH -> "invalid key length argument";
            case Pmi.ERR_INVALID_VAL -> "invalid val argument";
            case Pmi.ERR_INVALID_VAL_LENGTH -> "invalid val length argument";
            case Pmi.ERR_INVALID_LENGTH -> "invalid length argument";
            case Pmi.ERR_INVALID_NUM_ARGS -> "invalid number of arguments";
            case Pmi.ERR_INVALID_ARGS -> "invalid args argument";
            case Pmi.ERR_INVALID_NUM_PARSED -> "invalid num_parsed length argument";
            case Pmi.ERR_INVALID_KEYVALP -> "invalid keyvalp argument";
            case Pmi.ERR_INVALID_SIZE -> "invalid size argument";
            default -> "unknown error " + result;
        };
    }
}
