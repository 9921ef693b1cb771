"""Django settings. Everything an operator changes comes from the environment (see gongkai.conf)."""

from __future__ import annotations

import dj_database_url

from gongkai.conf import (
    BASE_DIR,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
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
    "gongkai.core",
    "gongkai.accounts",
    "gongkai.audit",
    "gongkai.agencies",
    "gongkai.workdays",
    "gongkai.numbering",
    "gongkai.workflow",
    "gongkai.publishing",
    "gongkai.applications",
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
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
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
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "gongkai.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
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
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LANGUAGE_CODE = "zh-hans"
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
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_str("GONGKAI_LOG_LEVEL", "WARNING", "日志级别：DEBUG、INFO、WARNING、ERROR"),
    },
}

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
