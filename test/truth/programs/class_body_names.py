class Settings:
    defaults = [1, 2]
    current = defaults
    size = len(defaults)

s = Settings()
print(s.current is Settings.defaults, s.size)
