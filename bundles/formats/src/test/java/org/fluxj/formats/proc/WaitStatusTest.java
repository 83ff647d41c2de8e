package org.fluxj.formats.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WaitStatusTest {

    @Test
    void signalTextsAreGlibcs() {
        assertEquals("Interrupt", WaitStatus.strsignal(2));
        assertEquals("Segmentation fault", WaitStatus.strsignal(11));
        assertEquals("Terminated", WaitStatus.strsignal(15));
        assertEquals("Real-time signal 2", WaitStatus.strsignal(36));
        assertEquals("Unknown signal 99", WaitStatus.strsignal(99));
    }

    @Test
    void statusesDecodeAsWait2s() {
        assertTrue(WaitStatus.signaled(15));
        assertFalse(WaitStatus.signaled(3 << 8));
        assertFalse(WaitStatus.signaled(0x7f), "stopped, not signaled");
        assertEquals(143, WaitStatus.shellCode(15));
        assertEquals(3, WaitStatus.shellCode(3 << 8));
    }

    @Test
    void aJobsResultIsWordedAsFluxCoresWaitstatusToExitcode() {
        assertEquals("", WaitStatus.jobError(0));
        assertEquals("task(s) exited with exit code 3", WaitStatus.jobError(3 << 8));
        assertEquals("task(s) Killed", WaitStatus.jobError((128 + 9) << 8));
        assertEquals("job shell Terminated", WaitStatus.jobError(15));
    }
}
