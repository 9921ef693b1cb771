"""Django settings. Everything an operator changes comes from the environment (see gongkai.conf)."""

from __future__ import annotations

import dj_database_url

from gongkai.conf import (
    BASE_DIR,
    ConfigError,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
    generated_secret,
    is_set,
    secret_key,
    site_footer,
    var_dir,
)

VAR_DIR = var_dir()
SECRET_KEY = secret_key()
DEBUG = env_bool("GONGKAI_DEBUG", False, "调试模式：出错时显示详细信息。生产环境必须关闭")
ALLOWED_HOSTS = env_list(
    "GONGKAI_ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "[::1]", "testserver"],
    "网站的域名（逗号分隔），例如 xxgk.example.gov.cn",
)
CSRF_TRUSTED_ORIGINS = env_list(
    "GONGKAI_CSRF_TRUSTED_ORIGINS",
    [],
    "经 HTTPS 反向代理访问时的来源，例如 https://xxgk.example.gov.cn",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "captcha",
    "gongkai.core",
    "gongkai.accounts",
    "gongkai.audit",
    "gongkai.agencies",
    "gongkai.workdays",
    "gongkai.numbering",
    "gongkai.workflow",
    "gongkai.publishing",
    "gongkai.applications",
    "gongkai.hotline",
    "gongkai.reports",
    "gongkai.supervision",
    "gongkai.portal",
    "gongkai.api",
    "ninja",  # serves Swagger UI from its own static files: the API docs work offline
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.core.middleware.RequestIdMiddleware",
    "gongkai.core.replicas.ReadYourWritesMiddleware",
    "gongkai.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.accounts.middleware.AccountPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "gongkai.core.throttle.PublicRateLimitMiddleware",
    "gongkai.core.middleware.FieldKeyErrorMiddleware",
    # After CsrfViewMiddleware: its process_view has read the form body it checks.
    "gongkai.core.middleware.NulCharacterMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context.site",
                "gongkai.accounts.context.logged_in",
            ],
        },
    }
]

DATABASE_URL = env_str(
    "GONGKAI_DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}",
    "数据库地址；生产用 postgresql://用户@主机:端口/库名",
    shown="sqlite:///<数据目录>/gongkai.sqlite3",
)
TEST_SQLITE_NAME = env_str(
    "GONGKAI_TEST_SQLITE_NAME", None, "仅测试用：SQLite 测试数据库文件名（空：内存数据库）"
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions serialise writers up front, so the audit hash chain and the
    # gap-free sequences never fork; WAL + FULL sync keeps every acknowledged commit.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["TEST"] = {"NAME": TEST_SQLITE_NAME}

# Read replicas (docs/scaling.md): reads go to a streaming replica, writes to the primary;
# a browser that wrote reads from the primary for GONGKAI_REPLICA_PIN_SECONDS.
REPLICA_DATABASE_URL = env_str(
    "GONGKAI_REPLICA_DATABASE_URL",
    None,
    "只读副本数据库地址；设置后读取走副本、写入走主库（docs/scaling.md）",
)
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(REPLICA_DATABASE_URL, conn_max_age=60)
    # Tests use one database: the replica alias mirrors it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["gongkai.core.replicas.ReplicaRouter"]
GONGKAI_REPLICA_PIN_SECONDS = env_int(
    "GONGKAI_REPLICA_PIN_SECONDS", 10, "写入后多少秒内该浏览器的读取仍走主库"
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Password rules per 等保 level 3 (gongkai/accounts/passwords.py): length, character classes,
# no reuse of the last N, optional expiry (0 = never).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "gongkai.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("GONGKAI_PASSWORD_MIN_LENGTH", 10, "密码最短长度")},
    },
    {
        "NAME": "gongkai.accounts.passwords.CharacterClassesValidator",
        "OPTIONS": {
            "min_classes": env_int(
                "GONGKAI_PASSWORD_MIN_CLASSES", 3, "密码须含大写、小写、数字、符号中的至少几类"
            )
        },
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "gongkai.accounts.passwords.PasswordHistoryValidator",
        "OPTIONS": {"keep": env_int("GONGKAI_PASSWORD_HISTORY", 5, "不得重复最近几次用过的密码")},
    },
]
GONGKAI_SETUP_CODE_HOURS = env_int(
    "GONGKAI_SETUP_CODE_HOURS", 24, "管理员签发的一次性设置密码码（或邮件链接）的有效时长（小时）"
)
GONGKAI_PASSWORD_MAX_AGE_DAYS = env_int(
    "GONGKAI_PASSWORD_MAX_AGE_DAYS", 0, "密码有效期（天），过期后须先修改；0 表示不过期"
)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lockout after repeated failed logins (django-axes): per user name, for a while.
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURE_LIMIT", 5, "同一账号连续登录失败多少次后锁定")
AXES_COOLOFF_TIME = (
    env_int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15, "登录锁定持续的分钟数") / 60
)  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_CALLABLE = "gongkai.accounts.views.auth.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LOGIN_URL = "/manage/login/"
LOGIN_REDIRECT_URL = "/manage/"
LOGOUT_REDIRECT_URL = "/xxgk/"
# Sessions expire after a period without activity (sliding window) and with the browser.
SESSION_COOKIE_AGE = env_int("GONGKAI_SESSION_MINUTES", 120, "无操作多少分钟后登录失效") * 60
# ...and, however active, after this many hours from login (gongkai/accounts/sessions.py).
GONGKAI_SESSION_ABSOLUTE_HOURS = env_int(
    "GONGKAI_SESSION_ABSOLUTE_HOURS", 12, "登录多少小时后无论有无操作都须重新登录（0 表示不限）"
)
# Two-factor login (TOTP) for these roles (agencies Role and SystemRole values; superusers
# always). `make run` turns it off for the demo personas; production keeps it on.
GONGKAI_2FA_REQUIRED = env_bool(
    "GONGKAI_2FA_REQUIRED", True, "是否要求两步验证（TOTP）；仅演示时关闭"
)
GONGKAI_2FA_ROLES = env_list(
    "GONGKAI_2FA_ROLES",
    ["officer", "reviewer", "leader", "admin", "system_admin", "security_admin", "audit_admin"],
    "需要两步验证的角色（超级用户总是需要）",
)
# No one approves their own work: submitter ≠ reviewer ≠ signer of a publishing item
# (gongkai/publishing/separation.py). Off only for a body that truly has one person.
GONGKAI_SEPARATE_DUTIES = env_bool(
    "GONGKAI_SEPARATE_DUTIES", True, "提交人、审核人、签发人须为不同的人（只有一人的机关可关闭）"
)
# A user's sessions at once; a new login ends the oldest (0 = no limit).
GONGKAI_MAX_SESSIONS_PER_USER = env_int(
    "GONGKAI_MAX_SESSIONS_PER_USER", 3, "每个用户同时最多几个会话，超出时注销最早的（0 表示不限）"
)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool(
    "GONGKAI_SECURE_COOKIES", False, "Cookie 只经 HTTPS 发送；网站使用 HTTPS 时必须打开"
)
# HSTS: on by default once the site runs on HTTPS (secure cookies); nginx sends it too.
SECURE_HSTS_SECONDS = env_int(
    "GONGKAI_HSTS_SECONDS",
    31536000 if SESSION_COOKIE_SECURE else 0,
    "HSTS 有效期（秒）；默认在打开 GONGKAI_SECURE_COOKIES 时为一年，否则不发送",
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
    "GONGKAI_HSTS_INCLUDE_SUBDOMAINS", False, "HSTS 是否包含子域名"
)
# Every HTML page: scripts and styles only from our own files (no inline script or style; the
# report's stylesheet and the kiosk's are files), images also as data: URLs, never framed.
GONGKAI_CONTENT_SECURITY_POLICY = env_str(
    "GONGKAI_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
    "每个 HTML 页面的内容安全策略（CSP）",
)
GONGKAI_PERMISSIONS_POLICY = env_str(
    "GONGKAI_PERMISSIONS_POLICY",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Permissions-Policy 响应头",
)
# A refused CSRF check gets a Chinese page instead of Django's English one.
CSRF_FAILURE_VIEW = "gongkai.accounts.views.auth.csrf_failure"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LANGUAGE_CODE = "zh-hans"
FORM_RENDERER = "gongkai.core.formrender.Renderer"  # one form look (gongkai/core/formrender.py)
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "gongkai" / "static"]
WHITENOISE_USE_FINDERS = True
# Anonymous public pages are cached per process; a process on another host (not sharing VAR_DIR)
# notices a publication or withdrawal within this many seconds (gongkai/publishing/pagecache.py).
PAGE_CACHE_RECHECK_SECONDS = env_int(
    "GONGKAI_PAGE_CACHE_RECHECK_SECONDS",
    5,
    "不共享数据目录的其他服务器上，公开页缓存最迟多少秒后得知发布或撤回",
)
MEDIA_ROOT = VAR_DIR / "files"  # private uploads: outside the web root, served by views only
# Uploads (gongkai/core/uploads.py): past 1 MB a file streams to a temporary file, and no file
# is read past the largest policy's limit; stored files and folders are private to the service.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "gongkai.core.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Per-use size limits in MB (policy name -> MB); see gongkai.core.uploads.POLICIES.
GONGKAI_UPLOAD_MAX_MB = {
    "publishing_attachment": env_int(
        "GONGKAI_UPLOAD_MAX_MB", 20, "主动公开信息附件的大小上限（MB）"
    ),
    "section_two_import": env_int(
        "GONGKAI_IMPORT_MAX_MB", 5, "第二部分 Excel 导入文件的大小上限（MB）"
    ),
    "application_attachment": env_int(
        "GONGKAI_APPLICATION_UPLOAD_MAX_MB", 10, "依申请公开申请材料的大小上限（MB）"
    ),
    "hotline_attachment": env_int("GONGKAI_HOTLINE_UPLOAD_MAX_MB", 10, "热线附件的大小上限（MB）"),
    "report_import_zip": env_int(
        "GONGKAI_REPORT_IMPORT_MAX_MB", 200, "年报批量导入 ZIP 的大小上限（MB）"
    ),
}
# DOCX/XLSX/OFD are refused before parsing when they would inflate past these.
GONGKAI_ZIP_MAX_UNCOMPRESSED_MB = env_int(
    "GONGKAI_ZIP_MAX_UNCOMPRESSED_MB", 100, "DOCX/XLSX/OFD 解压后总大小上限（MB），解析前检查"
)
GONGKAI_ZIP_MAX_RATIO = env_int(
    "GONGKAI_ZIP_MAX_RATIO", 100, "DOCX/XLSX/OFD 单个条目的压缩比上限（疑似压缩炸弹时拒收）"
)
GONGKAI_ZIP_MAX_ENTRIES = env_int("GONGKAI_ZIP_MAX_ENTRIES", 5000, "DOCX/XLSX/OFD 压缩包条目数上限")
# Text extraction from uploads runs in a child process under these limits (gongkai/core/limits.py).
GONGKAI_EXTRACT_TIMEOUT_SECONDS = env_int(
    "GONGKAI_EXTRACT_TIMEOUT_SECONDS", 20, "附件文字提取的时间上限（秒）"
)
GONGKAI_EXTRACT_MEMORY_MB = env_int(
    "GONGKAI_EXTRACT_MEMORY_MB", 512, "附件文字提取的内存上限（MB）"
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

EMAIL_BACKEND = env_str(
    "GONGKAI_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    "发送邮件的方式；用 SMTP 时设为 django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("GONGKAI_EMAIL_HOST", "localhost", "SMTP 服务器")
EMAIL_PORT = env_int("GONGKAI_EMAIL_PORT", 25, "SMTP 端口")
DEFAULT_FROM_EMAIL = env_str("GONGKAI_EMAIL_FROM", "gongkai@localhost", "提醒邮件的发件人")

GONGKAI_SITE_NAME = env_str("GONGKAI_SITE_NAME", "政府信息公开平台", "网站名称（页面标题）")
# Messages to applicants (gongkai/core/sms.py, gongkai/applications/notify.py).
GONGKAI_SMS_BACKEND = env_str(
    "GONGKAI_SMS_BACKEND",
    "gongkai.core.sms.LoggingBackend",
    "发送短信的后端类（完整的 Python 路径）；默认只写入日志，接入短信网关时改为网关的后端类",
)
GONGKAI_REPLY_SIGN_OFF = env_bool(
    "GONGKAI_REPLY_SIGN_OFF",
    True,
    "依申请公开答复是否须经负责人签发（各机关可在“依申请公开办理规则”中单独设置）",
)
GONGKAI_SITE_URL = env_str(
    "GONGKAI_SITE_URL",
    "",
    "网站的对外地址（如 https://xxgk.example.gov.cn），用于发给申请人的邮件和短信中的查询链接；"
    "留空时只写栏目名称",
)
OTP_TOTP_ISSUER = GONGKAI_SITE_NAME  # the name the authenticator app shows
# Reminders go out by e-mail only when an operator configured a real mail backend.
GONGKAI_EMAIL_CONFIGURED = is_set("GONGKAI_EMAIL_BACKEND")

# Supervision (docs/supervision.md): a figure counts as a year-over-year jump when it grew or
# shrank by more than this factor (and is at least the minimum); column update intervals in
# days (国办秘函〔2019〕19号: 动态 columns 2 weeks, others 6 months); term codes of 动态 columns.
GONGKAI_SUPERVISION_JUMP_FACTOR = env_float(
    "GONGKAI_SUPERVISION_JUMP_FACTOR", 3.0, "监督：年报数据同比变化超过此倍数视为异常"
)
GONGKAI_SUPERVISION_JUMP_MINIMUM = env_int(
    "GONGKAI_SUPERVISION_JUMP_MINIMUM", 10, "监督：同比比较的最小数值（两年中较大者）"
)
GONGKAI_SUPERVISION_HOME_DAYS = env_int(
    "GONGKAI_SUPERVISION_HOME_DAYS", 14, "监督：网站首页更新间隔（天）"
)
GONGKAI_SUPERVISION_DYNAMIC_DAYS = env_int(
    "GONGKAI_SUPERVISION_DYNAMIC_DAYS", 14, "监督：动态类栏目更新间隔（天）"
)
GONGKAI_SUPERVISION_COLUMN_DAYS = env_int(
    "GONGKAI_SUPERVISION_COLUMN_DAYS", 183, "监督：一般栏目更新间隔（天）"
)
GONGKAI_SUPERVISION_DYNAMIC_COLUMNS = env_list(
    "GONGKAI_SUPERVISION_DYNAMIC_COLUMNS", [], "监督：动态类栏目的分类代码（如 20-12）"
)
GONGKAI_SUPERVISION_MESSAGE_DAYS = env_int(
    "GONGKAI_SUPERVISION_MESSAGE_DAYS", 90, "监督：留言答复期限（天）"
)
# The public footer a website inspection checks (政府网站发展指引 国办发〔2017〕47号): who runs the
# site, how to reach them, the 网站标识码, ICP and 公安 filing numbers and the 党政机关 mark.
# Empty values are left out of the footer, never shown as placeholders.
GONGKAI_SITE_FOOTER = site_footer()
GONGKAI_HOTLINE_LIMITS = env_str(
    "GONGKAI_HOTLINE_LIMITS",
    "",
    "民生热线时限（JSON，gongkai.rules.hotline.Limits 的字段；空为默认）",
)
# The WeChat official account's server token (公众号后台「服务器配置」的 Token); empty: the
# WeChat endpoint refuses every request.
GONGKAI_WECHAT_TOKEN = env_str(
    "GONGKAI_WECHAT_TOKEN", "", "微信公众号服务器配置的 Token（空：拒绝一切微信推送）"
)
GONGKAI_OPEN311_CONTACT = env_str(
    "GONGKAI_OPEN311_CONTACT", "", "Open311 接口说明（discovery）中的联系方式"
)
GONGKAI_WECHAT_MAX_AGE_SECONDS = env_int(
    "GONGKAI_WECHAT_MAX_AGE_SECONDS", 300, "微信推送的时间戳最多可相差多少秒（防重放）"
)
# A body under either rate in a month is listed in the monthly analysis report (hotline.md §5).
GONGKAI_HOTLINE_MIN_SATISFACTION = (
    env_int(
        "GONGKAI_HOTLINE_MIN_SATISFACTION_PERCENT",
        85,
        "热线月报：满意率低于此百分比的单位列为需关注",
    )
    / 100
)
GONGKAI_HOTLINE_MIN_REPLY = (
    env_int("GONGKAI_HOTLINE_MIN_REPLY_PERCENT", 92, "热线月报：回复率低于此百分比的单位列为需关注")
    / 100
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_str("GONGKAI_LOG_LEVEL", "WARNING", "日志级别：DEBUG、INFO、WARNING、ERROR"),
    },
}

# Reverse proxies whose X-Forwarded-For (or the header named below) and X-Request-ID are
# believed (addresses or networks); gongkai/core/clientaddr.py. The nginx sample runs on the
# same host, hence loopback.
GONGKAI_TRUSTED_PROXIES = env_list(
    "GONGKAI_TRUSTED_PROXIES",
    ["127.0.0.1", "::1"],
    "可信反向代理的地址或网段：只采信它们传来的客户端地址和请求编号",
)
GONGKAI_PROXY_ADDRESS_HEADER = env_str(
    "GONGKAI_PROXY_ADDRESS_HEADER", "X-Forwarded-For", "可信代理写入客户端地址的请求头"
)

# Audit ledger: the chain head is signed with this key (HMAC-SHA256). Production keeps it in a
# file outside the data directory (GONGKAI_AUDIT_KEY_FILE); without one it is generated into
# var/audit_key. Anchors (signed heads) go to GONGKAI_AUDIT_ANCHOR_DIR daily when it is set.
GONGKAI_AUDIT_KEY_GENERATED = not is_set("GONGKAI_AUDIT_KEY")  # `gongkai check` warns
GONGKAI_AUDIT_KEY = generated_secret(
    "GONGKAI_AUDIT_KEY",
    "audit_key",
    "审计账本链头签名密钥（用 _FILE 指向数据目录之外的文件）；不设置则生成在数据目录的 audit_key",
)
# Personal fields (applicants', callers') are encrypted with this key (gongkai/core/crypto.py).
# Production keeps it in a file outside the data directory and backs it up separately; several
# lines = the first encrypts, the others only decrypt (rotation, `gongkai fieldkey rotate`).
GONGKAI_FIELD_KEY_GENERATED = not is_set("GONGKAI_FIELD_KEY")
GONGKAI_FIELD_KEY = generated_secret(
    "GONGKAI_FIELD_KEY",
    "field_key",
    "个人信息字段加密密钥（用 _FILE 指向数据目录之外的文件，并单独备份；每行一个密钥，"
    "第一行用于加密，其余行只用于解密旧数据）；不设置则生成在数据目录的 field_key",
)
GONGKAI_AUDIT_ANCHOR_DIR = env_str(
    "GONGKAI_AUDIT_ANCHOR_DIR", "", "每天导出审计锚点的目录（应在另一台主机或一次写入存储上）"
)

# Nightly backups by the worker (gongkai/core/backup.py); empty: none (gongkai backup by hand).
GONGKAI_BACKUP_DIR = env_str(
    "GONGKAI_BACKUP_DIR",
    "",
    "后台任务每天 02:00 备份到此目录（应在另一块磁盘或另一台主机）；空：不自动备份",
)
GONGKAI_BACKUP_KEEP = env_int("GONGKAI_BACKUP_KEEP", 14, "自动备份保留最近几份（更早的删除）")

# Applicants' and callers' personal data is anonymised this many years after the case closed
# (gongkai/core/retention.py: ⚠️ not in the regulations; 30 = the archive rules' longer period).
GONGKAI_PERSONAL_DATA_YEARS = env_int(
    "GONGKAI_PERSONAL_DATA_YEARS",
    30,
    "办结多少年后匿名化申请人、来电人的个人信息（按本单位档案保管期限设置；0：永久保存）",
)

# Lockout is per account on purpose: a whole office often shares one NAT address, and locking
# the address would lock out every colleague.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# --- gongkai's own settings (app code reads them from django.conf.settings) ---------------------

# Readings of the points the law leaves open (docs/rules.md §2); the defaults are conservative.
GONGKAI_CLOCK_CONSULTATION_REPLY_DAY_EXCLUDED = env_bool(
    "GONGKAI_CLOCK_CONSULTATION_REPLY_DAY_EXCLUDED",
    True,
    "征求第三方意见的答复（届满）当日不计入答复期限，次一工作日恢复计时（docs/rules.md）",
)
GONGKAI_CLOCK_FEE_PAUSES = env_bool(
    "GONGKAI_CLOCK_FEE_PAUSES", False, "缴纳信息处理费期间答复期限是否暂停（docs/rules.md）"
)
GONGKAI_CLOCK_SUPPLEMENT_RESTARTS_2008 = env_bool(
    "GONGKAI_CLOCK_SUPPLEMENT_RESTARTS_2008",
    False,
    "2008年条例下补正后答复期限是否重新起算（docs/rules.md）",
)
# None: gongkai.numbering's default pattern {code}/{year}-{seq:05d}
GONGKAI_INDEX_PATTERN = env_str(
    "GONGKAI_INDEX_PATTERN",
    None,
    "索引号格式，占位符 {code} {year} {month} {period} {seq}（空：{code}/{year}-{seq:05d}）",
)
GONGKAI_NGINX_CACHE_DIR = env_str(
    "GONGKAI_NGINX_CACHE_DIR",
    None,
    "nginx 公开页缓存目录（proxy_cache_path）；设置后发布、撤回时清空（docs/nginx-cache.md）",
)
GONGKAI_LETTER_TEMPLATE_DIR = env_str(
    "GONGKAI_LETTER_TEMPLATE_DIR",
    None,
    "自定义告知书模板目录，其中同名 DOCX 替换随附模板（空：数据目录的 letter_templates）",
)
# Search and public API limits count in this cache (gongkai/core/throttle.py). The database
# cache is shared by every process and server, so a limit means the same behind gunicorn's
# workers; "memory" counts per process (cheaper, but N workers allow N times the limit).
GONGKAI_RATE_LIMIT_CACHE = env_str(
    "GONGKAI_RATE_LIMIT_CACHE",
    "database",
    "搜索和公开接口限流计数的存放处：database（所有进程和服务器共享，默认）或 memory（每个进程各自计数）",
)
if GONGKAI_RATE_LIMIT_CACHE not in ("database", "memory"):
    raise ConfigError(
        f"GONGKAI_RATE_LIMIT_CACHE 应为 database 或 memory，实际为 {GONGKAI_RATE_LIMIT_CACHE!r}"
    )
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": (
        {
            # Django's DatabaseCache with set() as one upsert (gongkai/core/ratecache.py)
            "BACKEND": "gongkai.core.ratecache.RateLimitCache",
            "LOCATION": "gongkai_cache",  # made by core's migration 0005
            # Entries live one rate window (a minute); room for that many distinct clients.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
        if GONGKAI_RATE_LIMIT_CACHE == "database"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}
    ),
}
# Rate limits (gongkai/core/throttle.py). The client address is REMOTE_ADDR unless the request
# comes from a trusted proxy (addresses or networks), which then names it in this header.
GONGKAI_TRUSTED_PROXIES = env_list(
    "GONGKAI_TRUSTED_PROXIES",
    [],
    "可信反向代理的地址或网段（逗号分隔）；只采用来自它们的客户端地址请求头",
)
GONGKAI_CLIENT_IP_HEADER = env_str(
    "GONGKAI_CLIENT_IP_HEADER", "X-Forwarded-For", "可信代理给出客户端地址的请求头"
)
GONGKAI_RATE_LIMITS = env_str(
    "GONGKAI_RATE_LIMITS",
    "",
    "覆盖限流规则：名称=次数/秒数，逗号分隔，如 apply.client=20/3600（规则见 docs/security.md）",
)
# Anonymous requests limited per client address by path prefix.
GONGKAI_PATH_RATE_LIMITS = {"/xxgk/search/": "search.client", "/api/": "api.client"}
# The self-hosted CAPTCHA asked of anonymous clients past a threshold: a small sum to compute.
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_TIMEOUT = 10  # minutes
CAPTCHA_LETTER_ROTATION = (-15, 15)
