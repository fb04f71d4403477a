internal import CGEOS

/// Collects the messages GEOS reports through its reentrant handlers, so a
/// failed call can throw an error carrying GEOS's own words.
final class GEOSMessageSink {
    var lastError: String = ""
    var lastNotice: String = ""
}

/// One GEOS context handle (`GEOSContextHandle_t`), owned and finished here.
///
/// A context is used by one thread at a time: every worker makes its own.
/// Not `Sendable` on purpose.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    private let sink: GEOSMessageSink

    init() throws(GeoCoreError) {
        guard let handle = GEOS_init_r() else {
            throw GeoCoreError(library: .geos, function: "GEOS_init_r", message: "could not create a GEOS context")
        }
        self.handle = handle
        self.sink = GEOSMessageSink()
        let userdata = Unmanaged.passUnretained(sink).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let message, let userdata else { return }
            Unmanaged<GEOSMessageSink>.fromOpaque(userdata).takeUnretainedValue().lastError = String(cString: message)
        }, userdata)
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { message, userdata in
            guard let message, let userdata else { return }
            Unmanaged<GEOSMessageSink>.fromOpaque(userdata).takeUnretainedValue().lastNotice = String(cString: message)
        }, userdata)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// Clears the last message so the next failure reports its own.
    func resetMessage() {
        sink.lastError = ""
    }

    func error(_ function: String) -> GeoCoreError {
        let message = sink.lastError
        sink.lastError = ""
        return GeoCoreError(library: .geos, function: function, message: message)
    }

    /// Check 1: a pointer result that must not be null.
    func nonNull<T>(_ function: String, _ result: T?) throws(GeoCoreError) -> T {
        guard let result else { throw error(function) }
        return result
    }

    /// Check 2: an integer status where 0 means an exception.
    func status(_ function: String, _ result: Int32) throws(GeoCoreError) {
        if result == 0 { throw error(function) }
    }

    /// Check 3: a predicate: 0 false, 1 true, 2 exception.
    func predicate(_ function: String, _ result: CChar) throws(GeoCoreError) -> Bool {
        switch result {
        case 0: return false
        case 1: return true
        default: throw error(function)
        }
    }
}
