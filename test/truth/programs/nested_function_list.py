def outer():
    log = []
    def record(x):
        log.append(x)
        return len(log)
    record("a")
    record("b")
    return log, record

log, rec = outer()
rec("c")
print(log)
