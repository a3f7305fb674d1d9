/*
 * demo.c - `aftersales demo`: fills a database with realistic complaints
 * (Chinese customers, cities, bus and machinery models) and walks each one
 * through the configured workflow as the right demo user, so that every
 * state is represented and every history looks like real work.  It goes
 * through the same engine as people do: each step is a wf_apply.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
	"马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰",
	"建国", "志强", "海燕", "秀英", "晓明", "红梅", "国庆", "建华", "丽娟",
	"文博", "子涵", "浩然",
};
static const char *const orgs[] = {
	"郑州公交集团", "北京祥龙客运", "上海巴士一汽", "广州第二公共汽车公司",
	"成都公交集团", "武汉公交集团", "中铁十二局二公司", "山东高速路桥",
	"中建三局一公司", "徐州市政工程处", "西安城投建设", "长沙城发集团",
	"重庆交运集团", "昆明公交集团", "杭州长运", "南京公交集团",
};
static const char *const cities[] = {
	"河南省郑州市金水区", "北京市丰台区", "上海市闵行区", "广东省广州市白云区",
	"四川省成都市武侯区", "湖北省武汉市江岸区", "山东省济南市历城区",
	"江苏省徐州市铜山区", "陕西省西安市未央区", "湖南省长沙市雨花区",
	"重庆市渝北区", "云南省昆明市官渡区", "浙江省杭州市拱墅区",
	"江苏省南京市江宁区",
};
static const char *const streets[] = {
	"花园路", "人民路", "建设路", "解放大道", "中山路", "长江路", "黄河路",
	"东风路", "新华街", "文化路",
};
static const struct {
	const char *model;
	const char *vin;     /* serial prefix */
	int bus;             /* 1 a bus, 0 construction machinery */
} models[] = {
	{ "ZK6128HGA 城市客车", "LZYTBGCK", 1 },
	{ "ZK6118BEV 纯电动客车", "LZYTAGBW", 1 },
	{ "XMQ6127AY 旅游客车", "LKLA1C1K", 1 },
	{ "KLQ6109GA 公交客车", "LA9GB6D3", 1 },
	{ "SY215C 液压挖掘机", "SY215C", 0 },
	{ "XE60DA 小型挖掘机", "XUG060D", 0 },
	{ "ZL50GN 装载机", "LGZL50N", 0 },
	{ "QY25K5 汽车起重机", "XCMQY25K", 0 },
};
/* What goes wrong, on which products, why, and what was done about it. */
static const struct {
	const char *what;     /* description */
	const char *fault;    /* fault_class */
	int bus;              /* 1 buses, 0 machinery, 2 both */
	int quality;          /* 0: damage by the customer's people (R1 §5.2) */
	const char *cause;
	const char *fix;
} problems[] = {
	{ "乘客门开关异常，行驶中自动打开", "body", 1, 1,
	  "门泵电磁阀批次质量问题", "更换同批次部件并排查在用车辆" },
	{ "空调不制冷，出风口温度高", "body", 2, 1,
	  "冷凝器风扇继电器虚接", "更换继电器并加固线束" },
	{ "车身侧围蒙皮开裂，雨天漏水", "body", 1, 1,
	  "装配时密封胶涂布不足", "返工密封并做淋雨试验" },
	{ "发动机冷启动困难，冒黑烟", "chassis_engine", 2, 1,
	  "喷油器积碳严重", "清洗喷油器，指导用户使用合格燃油" },
	{ "变速箱换挡冲击大，偶发挂不上挡", "chassis_engine", 1, 1,
	  "离合器分泵漏油", "更换分泵并调整" },
	{ "制动跑偏，前轮制动鼓发热", "chassis_engine", 1, 1,
	  "制动间隙调整不当", "重新调整制动间隙并路试" },
	{ "液压系统压力不足，动臂下沉", "other", 0, 1,
	  "液压多路阀内泄", "更换多路阀总成" },
	{ "仪表盘报警灯常亮，故障码无法清除", "other", 2, 1,
	  "传感器插接件进水", "更换插接件并做防水处理" },
	{ "驾驶员操作不当导致后视镜支架断裂", "body", 1, 0,
	  "用户操作不当造成损坏", "修复并对驾驶员进行操作培训" },
	{ "车辆涉水后电气线束短路", "other", 2, 0,
	  "车辆涉水作业，线束进水短路", "更换线束并培训操作人员" },
	{ "铲斗斗齿断裂，超负荷作业", "other", 0, 0,
	  "用户超负荷作业造成损坏", "更换斗齿并讲解作业规范" },
};

/* A small deterministic generator, so the demo is the same every time. */
static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? (unsigned)(rng_state % n) : 0;
}

#define PICK(a) (a[rnd(sizeof a / sizeof a[0])])

/*
 * The demo's present: the core's clock when the demo starts (the system
 * clock, or $AFTERSALES_NOW where the configuration allows it), taken
 * once, since each step then sets the clock to its own moment.  With a
 * fixed AFTERSALES_NOW two runs write the same database.
 */
static int64_t demo_now;

struct step {
	const char *user;
	const char *tid;
	const char *sets[8];   /* "field=value" */
};

/* At most this many hours pass between two steps of a walk. */
static unsigned walk_hours = 36;

/* One walk of the workflow; run it up to a random length. */
static int
walk(struct core *c, const char *id, const struct step *steps, size_t n,
     int64_t *t, struct as_err *err)
{
	struct core_kv in[8];
	size_t i, k;
	int rc;

	for (i = 0; i < n; i++) {
		for (k = 0; k < 8 && steps[i].sets[k] != NULL; k++) {
			const char *eq = strchr(steps[i].sets[k], '=');

			in[k].key = xstrndup(steps[i].sets[k],
					     (size_t)(eq - steps[i].sets[k]));
			in[k].val = eq + 1;
		}
		*t += 600 + (int64_t)rnd(walk_hours * 3600);
		if (*t > demo_now)
			*t = demo_now;
		core_set_clock(c, *t);
		rc = core_set_user(c, steps[i].user, err);
		if (rc == 0)
			rc = steps[i].tid != NULL
			    ? wf_apply(c, id, 0, steps[i].tid, in, k, NULL, err)
			    : core_edit(c, id, 0, in, k, NULL, err);
		while (k-- > 0)
			free((char *)in[k].key);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/*
 * R1 §7.2: the first answer to the customer (answered_at), mostly within
 * the 12 or 24 hours, about one in sixteen late, entered up to two hours
 * after it was given; one not given yet by now, and a third of those
 * of the last two days, stays open (so the demo has response clocks
 * running and overdue).  *t becomes the time it was entered.
 */
static int
first_answer(struct core *c, const char *id, int64_t received, int64_t now,
	     int64_t *t, struct as_err *err)
{
	struct as_buf b = {0};
	struct core_kv in[1];
	int64_t answered, entered;
	int rc;

	if (now - received < 2 * 86400 && rnd(3) == 0)
		return 0;   /* a fresh one still waits for its answer */
	answered = received + 60 * (int64_t)(rnd(16) == 0
	    ? 13 * 60 + rnd(30 * 60) : 10 + rnd(10 * 60));
	entered = answered + 60 * (int64_t)rnd(120);
	if (entered < *t)
		entered = *t;
	if (entered > now)
		return 0;
	core_format_time(c, answered, 1, &b);
	in[0] = (struct core_kv){ "answered_at", b.data };
	core_set_clock(c, entered);
	rc = core_set_user(c, "branch_manager", err);
	if (rc == 0)
		rc = core_edit(c, id, 0, in, 1, NULL, err);
	buf_free(&b);
	*t = entered;
	return rc;
}

/*
 * Work orders (R2 §3.2-§3.4) have their own generator, so that adding
 * them left the complaints of the demo as they were.
 */
static unsigned long long wo_state = 0x2545f4914f6cdd1dULL;

static unsigned
wo_rnd(unsigned n)
{
	wo_state ^= wo_state << 13;
	wo_state ^= wo_state >> 7;
	wo_state ^= wo_state << 17;
	return n ? (unsigned)(wo_state % n) : 0;
}

/* One step of a work order at time when (a step with tid NULL: an edit). */
static int
wo_step(struct core *c, const char *id, const char *user, const char *tid,
	const char *const *sets, int64_t when, struct as_err *err)
{
	struct core_kv in[16];
	size_t k;
	int rc;

	for (k = 0; k < 16 && sets[k] != NULL; k++) {
		const char *eq = strchr(sets[k], '=');

		in[k].key = xstrndup(sets[k], (size_t)(eq - sets[k]));
		in[k].val = eq + 1;
	}
	core_set_clock(c, when);
	rc = core_set_user(c, user, err);
	if (rc == 0)
		rc = tid != NULL ? wf_apply(c, id, 0, tid, in, k, NULL, err)
		    : core_edit(c, id, 0, in, k, NULL, err);
	while (k-- > 0)
		free((char *)in[k].key);
	return rc;
}

/* "field=time" into buf, the time formatted as the program types it. */
static const char *
wo_time(struct core *c, char *buf, size_t size, const char *field, int64_t t)
{
	struct as_buf b = {0};

	core_format_time(c, t, 1, &b);
	snprintf(buf, size, "%s=%s", field, b.data);
	buf_free(&b);
	return buf;
}

/* The number of the work order complaint id has just dispatched. */
static char *
wo_of(struct core *c, const char *id, struct as_err *err)
{
	struct store_rec *r = NULL;
	struct core_links l = {0};
	char *wo = NULL;
	size_t i;

	if (core_get(c, id, &r, err) != 0)
		return NULL;
	if (core_links(c, r, &l, err) == 0)
		for (i = 0; i < l.n; i++)
			if (!l.v[i].outgoing && l.v[i].type != NULL &&
			    strcmp(l.v[i].type, "workorder") == 0) {
				free(wo);
				wo = xstrdup(l.v[i].id);
			}
	core_links_free(&l);
	store_rec_free(&r);
	return wo;
}

/*
 * "costs=[...]" of a service trip (R1 §9.1, R2 §3.4.3): the handler's
 * travel, lodging and allowance for a trip of km, confirmed by finance
 * (R1 §6) with confirmed.
 */
static void
demo_wo_costs(char *buf, size_t size, const char *handler, unsigned km,
	      int confirmed)
{
	const char *conf = confirmed ? ",\"confirmed\":\"finance\"" : "";
	unsigned nights = 1 + km / 150;

	snprintf(buf, size, "costs=[{\"type\":\"travel\",\"amount\":"
	    "\"%u.%02u\",\"staff\":\"%s\",\"note\":\"往返 %u 公里\"%s},"
	    "{\"type\":\"lodging\",\"amount\":\"%u\",\"staff\":"
	    "\"%s\",\"note\":\"%u 晚\"%s},{\"type\":\"allowance\","
	    "\"amount\":\"%u\",\"staff\":\"%s\"%s}]", 2 * km * 80 / 100,
	    2 * km * 80 % 100, handler, 2 * km, conf, 180 * nights, handler,
	    nights, conf, 60 * (nights + 1), handler, conf);
}

/*
 * R2 §3.4.1, §3.2.1: the satisfaction survey of work order wo (made by
 * its sign step at signed), answered on site at once (one in three) or
 * by phone a day or two later, if that is before now: mostly satisfied,
 * some not.
 */
static int
demo_survey(struct core *c, const char *wo, int64_t signed_at, int64_t now,
	    struct as_err *err)
{
	static const char *const qs[] = { "q_timeliness", "q_attitude",
	    "q_quality", "q_teaching", "q_overall" };
	static const char scale[] = "5555544443";
	struct store_rec *r = NULL;
	char ans[5][32], at[64];
	const char *sets[9];
	int on_site = wo_rnd(3) == 0;
	int64_t when = signed_at + (on_site ? 300 :
	    86400 + 60 * (int64_t)wo_rnd(24 * 60));
	const char *sv;
	char *id;
	size_t i;
	int rc;

	if ((rc = core_get(c, wo, &r, err)) != 0)
		return rc;
	sv = store_rec_get(r, "survey");
	id = sv != NULL && *sv != '\0' ? xstrdup(sv) : NULL;
	store_rec_free(&r);
	if (id == NULL || when > now) {
		free(id);
		return 0;
	}
	for (i = 0; i < 5; i++) {
		snprintf(ans[i], sizeof ans[i], "%s=%c", qs[i],
		    scale[wo_rnd(sizeof scale - 1)]);
		sets[i] = ans[i];
	}
	sets[5] = on_site ? "channel=on_site" : "channel=phone";
	sets[6] = wo_time(c, at, sizeof at, "surveyed_at", when);
	sets[7] = "surveyed_by=admin";
	sets[8] = NULL;
	rc = wo_step(c, id, "admin", "record", sets, when + 120, err);
	free(id);
	return rc;
}

/*
 * R2 §3.8: the supplier claim of work order wo, drafted at t when its
 * warranty check names a supplier (else nothing happens), then taken as
 * far as its age allows: submitted, acknowledged, accepted in full or
 * in part, credited, closed.  Amounts derived from km.
 */
static int
demo_claim(struct core *c, const char *wo, unsigned km, int64_t t,
	   int64_t now, struct as_err *err)
{
	struct store_rec *r = NULL;
	char claimed[48], accepted[48], credited[48], at[64], note[64];
	unsigned yuan = 800 + (km * 37) % 4000;
	int partly = km % 3 == 0;
	const char *cl;
	char *id;
	int rc;

	if (wo_step(c, wo, "admin", "draft_claim", (const char *[]){ NULL },
	    t, err) != 0)
		return 0;        /* no supplier named: no claim */
	if ((rc = core_get(c, wo, &r, err)) != 0)
		return rc;
	cl = store_rec_get(r, "claim");
	id = cl != NULL ? xstrdup(cl) : NULL;
	store_rec_free(&r);
	if (id == NULL)
		return 0;
	snprintf(claimed, sizeof claimed, "amount_claimed=%u", yuan);
	snprintf(accepted, sizeof accepted, "amount_accepted=%u",
		 partly ? yuan * 7 / 10 : yuan);
	snprintf(credited, sizeof credited, "amount_credited=%u",
		 partly ? yuan * 7 / 10 : yuan);
	snprintf(note, sizeof note, "credit_note=ZR%06u", km * 101 % 1000000);
	rc = 0;
	if (t + 3 * 86400 <= now)
		rc = wo_step(c, id, "admin", "submit", (const char *[]){
		    claimed, wo_time(c, at, sizeof at, "submitted_at",
		    t + 3 * 86400), NULL }, t + 3 * 86400, err);
	if (rc == 0 && t + 10 * 86400 <= now)
		rc = wo_step(c, id, "admin", "acknowledge", (const char *[]){
		    wo_time(c, at, sizeof at, "acknowledged_at",
		    t + 10 * 86400), NULL }, t + 10 * 86400, err);
	if (rc == 0 && t + 25 * 86400 <= now)
		rc = wo_step(c, id, "admin", partly ? "partly_accept" :
		    "accept", (const char *[]){ accepted, partly ?
		    "decision_note=厂家认可七成，其余属使用不当" : NULL, NULL },
		    t + 25 * 86400, err);
	if (rc == 0 && t + 40 * 86400 <= now)
		rc = wo_step(c, id, "finance", "credit", (const char *[]){
		    credited, note, NULL }, t + 40 * 86400, err);
	if (rc == 0 && t + 45 * 86400 <= now)
		rc = wo_step(c, id, "admin", "close", (const char *[]){ NULL },
		    t + 45 * 86400, err);
	free(id);
	return rc;
}

/*
 * R2 §3.7: the parts master of the demo store: what the service trips
 * replace first (their codes in demo_workorder), then common spares.
 */
static const struct {
	const char *code, *barcode, *name, *name_en, *spec, *unit, *supplier;
	const char *cost;
	int min, stock;       /* minimum stock, first receipt */
} demo_parts[] = {
	{ "MB-100", "6901234500035", "门泵总成", "Door pump", "BF-30 气动",
	  "件", "宇通配套", "460.00", 5, 60 },
	{ "RL-24", "6901234500042", "继电器", "Relay", "24V 40A", "个",
	  "宏发股份", "18.50", 20, 200 },
	{ "SG-1800", "6901234500059", "密封胶条", "Door seal", "1.8 m",
	  "根", "中鼎股份", "35.00", 10, 80 },
	{ "INJ-22", "6901234500066", "喷油器", "Injector", "博世 0445120",
	  "个", "无锡威孚", "680.00", 6, 40 },
	{ "CS-80", "6901234500073", "离合器分泵", "Clutch slave cylinder",
	  "φ28", "个", "瑞立集团", "156.00", 5, 40 },
	{ "BRK-001", "6901234500011", "制动蹄片", "Brake shoe",
	  "ZK6128 前轮", "套", "瑞立集团", "86.50", 10, 120 },
	{ "CN-12", "6901234500080", "插接件", "Connector", "12 芯", "个",
	  "中航光电", "12.80", 30, 300 },
	{ "FLT-200", "6901234500028", "机油滤清器", "Oil filter", "JX0818",
	  "个", "平原滤清器", "32.00", 20, 15 },
	{ "AF-310", "6901234500097", "空气滤芯", "Air filter", "K3250",
	  "个", "平原滤清器", "78.00", 10, 30 },
	{ "BLT-6PK", "6901234500103", "发电机皮带", "Alternator belt",
	  "6PK1220", "条", "三力士", "45.00", 10, 6 },
	{ "LMP-H7", "6901234500110", "前大灯灯泡", "Headlamp bulb",
	  "H7 24V 70W", "个", "飞利浦", "25.00", 20, 100 },
	{ "WB-700", "6901234500127", "雨刮片", "Wiper blade", "700 mm",
	  "片", "博世", "38.00", 10, 50 },
	{ "HS-52", "6901234500134", "挖掘机液压油管", "Hydraulic hose",
	  "SY215 动臂", "根", "三一配套", "320.00", 4, 12 },
	{ "TH-30", "6901234500141", "节温器", "Thermostat", "76℃", "个",
	  "玉柴机器", "65.00", 5, 3 },
};

/* A record created as user at time when; its number into *id. */
static int
demo_new(struct core *c, const char *type, const char *user,
	 const char *const *sets, int64_t when, char **id,
	 struct as_err *err)
{
	struct core_kv in[16];
	size_t k;
	int rc;

	for (k = 0; k < 16 && sets[k] != NULL; k++) {
		const char *eq = strchr(sets[k], '=');

		in[k].key = xstrndup(sets[k], (size_t)(eq - sets[k]));
		in[k].val = eq + 1;
	}
	core_set_clock(c, when);
	rc = core_set_user(c, user, err);
	if (rc == 0)
		rc = core_create(c, type, in, k, id, err);
	while (k-- > 0)
		free((char *)in[k].key);
	return rc;
}

static int wo_step(struct core *, const char *, const char *, const char *,
    const char *const *, int64_t, struct as_err *);

/*
 * R2 §3.7.2, §3.7.6: the parts master, a receiving note for each half of
 * the parts at time t (posted), and the Luoyang station's own stock,
 * sent by a transfer.
 */
static int
demo_store(struct core *c, int64_t t, struct as_err *err)
{
	char code[64], barcode[64], name[96], name_en[96], spec[96];
	char unit[32], supplier[96], cost[32], min[32];
	struct as_buf lines[2] = {{0}, {0}};
	size_t i, n = sizeof demo_parts / sizeof demo_parts[0];
	char *id = NULL, set[4096];
	int rc = 0, half;

	for (i = 0; i < n && rc == 0; i++) {
		snprintf(code, sizeof code, "code=%s", demo_parts[i].code);
		snprintf(barcode, sizeof barcode, "barcode=%s",
		    demo_parts[i].barcode);
		snprintf(name, sizeof name, "name=%s", demo_parts[i].name);
		snprintf(name_en, sizeof name_en, "name_en=%s",
		    demo_parts[i].name_en);
		snprintf(spec, sizeof spec, "spec=%s", demo_parts[i].spec);
		snprintf(unit, sizeof unit, "unit=%s", demo_parts[i].unit);
		snprintf(supplier, sizeof supplier, "supplier=%s",
		    demo_parts[i].supplier);
		snprintf(cost, sizeof cost, "unit_cost=%s",
		    demo_parts[i].cost);
		snprintf(min, sizeof min, "min_stock=%d", demo_parts[i].min);
		rc = demo_new(c, "part", "store_clerk", (const char *[]){
		    code, barcode, name, name_en, spec, unit, supplier, cost,
		    min, NULL }, t, &id, err);
		free(id);
		id = NULL;
		half = i % 2;
		buf_addf(&lines[half], "%s{\"part\":\"%s\",\"quantity\":%d}",
		    lines[half].len ? "," : "[", demo_parts[i].code,
		    demo_parts[i].stock);
	}
	for (half = 0; half < 2 && rc == 0; half++) {
		snprintf(set, sizeof set, "lines=%s]", lines[half].data);
		rc = demo_new(c, "receipt", "store_clerk", (const char *[]){
		    "account=central", half ? "supplier=宇通配套中心库" :
		    "supplier=瑞立集团", set, "received_by=马超", NULL },
		    t + 600 + half * 3600, &id, err);
		if (rc == 0)
			rc = wo_step(c, id, "store_clerk", "post",
			    (const char *[]){ NULL }, t + 1200 + half * 3600,
			    err);
		free(id);
		id = NULL;
	}
	if (rc == 0)
		rc = demo_new(c, "transfer", "store_clerk", (const char *[]){
		    "from_account=central", "to_account=station_luoyang",
		    "lines=[{\"part\":\"RL-24\",\"quantity\":20},"
		    "{\"part\":\"CN-12\",\"quantity\":30},"
		    "{\"part\":\"LMP-H7\",\"quantity\":10}]",
		    "note=洛阳服务站首批备件", NULL }, t + 3 * 86400, &id, err);
	if (rc == 0)
		rc = wo_step(c, id, "store_clerk", "post",
		    (const char *[]){ NULL }, t + 3 * 86400 + 600, err);
	free(id);
	buf_free(&lines[0]);
	buf_free(&lines[1]);
	return rc;
}

/*
 * R2 §3.6.1, §3.7.4: the parts a trip takes, requisitioned for its work
 * order by the handler, approved by the branch manager and issued by the
 * clerk before it leaves (so the report's write-off finds them issued).
 */
static int
demo_requisition(struct core *c, const char *wo, const char *handler,
		 const char *part, unsigned qty, int64_t t, int upto,
		 struct as_err *err)
{
	char lines[128], issue[140], wos[48], *id = NULL;
	long long have = 0;
	int rc;

	snprintf(lines, sizeof lines, "lines=[{\"part\":\"%s\","
	    "\"quantity\":%u}]", part, qty);
	snprintf(issue, sizeof issue, "issue_now=[{\"part\":\"%s\","
	    "\"quantity\":%u}]", part, qty);
	snprintf(wos, sizeof wos, "workorder=%s", wo);
	rc = demo_new(c, "requisition", handler, (const char *[]){ wos, lines,
	    "reason=上门服务更换", NULL }, t, &id, err);
	if (rc == 0 && upto > 0)
		rc = wo_step(c, id, "branch_manager", "approve",
		    (const char *[]){ "approved_by=branch_manager", NULL },
		    t + 900, err);
	if (rc == 0 && upto > 1)
		rc = core_stock_balance(c, "central", part, &have, err);
	if (rc == 0 && upto > 1 && have < (long long)qty) {
		/* R2 §3.7.2: the store reorders what runs short */
		char *rid = NULL;

		snprintf(lines, sizeof lines, "lines=[{\"part\":\"%s\","
		    "\"quantity\":50}]", part);
		rc = demo_new(c, "receipt", "store_clerk", (const char *[]){
		    "account=central", "supplier=宇通配套中心库", lines,
		    "received_by=马超", NULL }, t + 1000, &rid, err);
		if (rc == 0)
			rc = wo_step(c, rid, "store_clerk", "post",
			    (const char *[]){ NULL }, t + 1200, err);
		free(rid);
	}
	if (rc == 0 && upto > 1)
		rc = wo_step(c, id, "store_clerk", "issue",
		    (const char *[]){ issue, NULL }, t + 1800, err);
	/* closed once the trip is back, a week later at most */
	if (rc == 0 && upto > 1 && t + 7 * 86400 <= demo_now)
		rc = wo_step(c, id, "store_clerk", "close",
		    (const char *[]){ NULL }, t + 7 * 86400, err);
	free(id);
	return rc;
}

/*
 * R2 §3.2-§3.4: the service trip of an accepted complaint, dispatched by
 * the manager of its unit (R1 §8.1) at time t: the team and the parts,
 * the written contact of a chassis / engine fault (R2 §3.2.3), on site,
 * the report, the user's signature, back at base, approved, archived.
 * Each step happens at its own time from when the user reported the
 * fault; a step whose time has not come by now is not taken, nor any
 * after the first upto steps (a recent order stops on its way), so
 * recent orders are on their way and their clocks run.
 */
static int
demo_workorder(struct core *c, const char *id, unsigned d, const char *unit,
	       const char *handler, const char *contact, unsigned km,
	       int64_t received, int64_t t, int64_t now, unsigned upto,
	       struct as_err *err)
{
	static const char *const usages[] = {
		"城市公交线路，每天运行约 14 小时", "旅游包车，长途高速为主",
		"工地转运，路况较差", "班线客运，每天往返两趟",
	};
	static const char *const comments[] = {
		"服务及时，问题已解决，满意", "工程师讲解清楚，满意",
		"希望今后提前电话告知到达时间", "满意",
	};
	/* the first seven of demo_parts: what a trip replaces */
	static const unsigned nparts = 7;
	const char *mgr = strcmp(unit, "office_zhengzhou") == 0 ?
	    "office_manager" : strcmp(unit, "office_xian") == 0 ? "lina" :
	    "branch_manager";
	int chassis = strcmp(problems[d].fault, "chassis_engine") == 0;
	int64_t contacted, departed, arrived, resolved, signed_at, back, lstep;
	int64_t letter, travel = 3600 * (int64_t)(km / 60 + 1);
	char team[96], lead[64], ptaken[160], prepl[200], c1[64], c2[64];
	char c3[64], c4[64], c5[64], c6[64], hours[32], mileage[32];
	char cause[160], work[160], before[200], signer[80], comp[48];
	char wcost[600], wconf[800];
	char usage[96], comment[96], approver[64], text[400];
	const char *part = demo_parts[wo_rnd(nparts)].code;
	unsigned taken = 1 + wo_rnd(2);
	char *wo;
	int rc;

	rc = wo_step(c, id, mgr, "dispatch_service", (const char *[]){ NULL },
		     t, err);
	if (rc != 0 || (wo = wo_of(c, id, err)) == NULL)
		return rc != 0 ? rc : AS_E_NOTFOUND;
	/* R2 §3.4.1: the team and its lead, the advance; dispatched */
	if (strcmp(handler, "engineer") == 0 || wo_rnd(3) == 0)
		snprintf(team, sizeof team, "team=[{\"user\":\"%s\"}]",
			 handler);
	else
		snprintf(team, sizeof team, "team=[{\"user\":\"%s\"},"
			 "{\"user\":\"engineer\"}]", handler);
	snprintf(lead, sizeof lead, "lead=%s", handler);
	if (upto > 0)
		rc = wo_step(c, wo, mgr, "dispatch", (const char *[]){ team,
			     lead, "advance=2000", NULL }, t + 600, err);
	/*
	 * The trip from when it was dispatched (or reported, if later);
	 * R2 §3.2.3: the written contact within 12 hours of the report,
	 * one in eight late, before the team leaves.
	 */
	if (t < received)
		t = received;
	/*
	 * The user is answered and written to by the office from the
	 * report on, one in ten (eight) late, whenever the order was made;
	 * each is entered on the order once it exists.
	 */
	contacted = received + 60 * (int64_t)(wo_rnd(10) == 0 ?
	    13 * 60 + wo_rnd(600) : 10 + wo_rnd(5 * 60));
	letter = received + 60 * (int64_t)(wo_rnd(8) == 0 ?
	    13 * 60 + wo_rnd(300) : 60 + wo_rnd(10 * 60));
	lstep = letter < t + 600 ? t + 600 + 60 * (int64_t)wo_rnd(60) :
	    letter;
	departed = (contacted > t ? contacted : t) + 3600 +
	    60 * (int64_t)wo_rnd(180);
	if (chassis && departed < lstep + 1800)
		departed = lstep + 1800;
	arrived = departed + travel + 60 * (int64_t)wo_rnd(60);
	resolved = arrived + 2 * 3600 + 60 * (int64_t)wo_rnd(180);
	signed_at = resolved + 600;
	back = signed_at + travel + 3600;
	if (rc == 0 && chassis && lstep <= now && upto > 0) {
		snprintf(text, sizeof text, "contact_letter=%s：您反映的“%s”"
			 "已收悉，我司已安排工程师上门处理。", contact,
			 problems[d].what);
		rc = wo_step(c, wo, handler, NULL, (const char *[]){
		    text, wo_time(c, c6, sizeof c6,
		    "letter_sent_at", letter), "letter_result=用户已收到书面"
		    "联系函，同意上门检修时间", NULL }, lstep + 300, err);
	}
	snprintf(ptaken, sizeof ptaken, "parts_taken=[{\"part\":\"%s\","
		 "\"quantity\":%u}]", part, taken);
	if (rc == 0 && departed <= now && upto > 1)
		rc = demo_requisition(c, wo, handler, part, taken,
		    departed - 1800, 2, err);
	if (rc == 0 && departed <= now && upto > 1)
		rc = wo_step(c, wo, handler, "depart", (const char *[]){
		    wo_time(c, c1, sizeof c1, "contacted_at", contacted),
		    wo_time(c, c2, sizeof c2, "departed_at", departed),
		    ptaken, NULL }, departed, err);
	if (rc == 0 && arrived <= now && upto > 2)
		rc = wo_step(c, wo, handler, "arrive", (const char *[]){
		    wo_time(c, c3, sizeof c3, "arrived_at", arrived), NULL },
		    arrived, err);
	/* R2 §3.4.2: LISTEN, LOOK, CHECK, HANDLE; R2 §3.3.3 taught */
	snprintf(hours, sizeof hours, "running_hours=%u", 500 + wo_rnd(9000));
	snprintf(mileage, sizeof mileage, "mileage_km=%u",
		 5000 + wo_rnd(300000));
	snprintf(usage, sizeof usage, "usage=%s",
		 usages[wo_rnd(sizeof usages / sizeof usages[0])]);
	snprintf(before, sizeof before, "before_after=%s，用户发现后停车报修",
		 problems[d].what);
	snprintf(cause, sizeof cause, "cause=%s", problems[d].cause);
	snprintf(work, sizeof work, "work_done=%s", problems[d].fix);
	snprintf(prepl, sizeof prepl, "parts_replaced=[{\"part\":\"%s\","
		 "\"quantity\":1,\"reason\":\"%s\"}]", part, problems[d].cause);
	/* R2 §3.3.1, §3.8: the failed component, whose supplier may pay */
	snprintf(comp, sizeof comp, "component=%s", d == 1 ? "空调" :
		 d == 3 ? "发动机" : d == 4 ? "变速箱" : d == 6 ? "液压泵" :
		 "");
	if (rc == 0 && resolved <= now && upto > 3)
		rc = wo_step(c, wo, handler, "resolve", (const char *[]){
		    hours, mileage, usage, before, "taken_apart=no", cause, "responsibility=产品质量问题，"
		    "按三包规定免费维修", work, prepl, "old_parts_packed=yes",
		    "taught=讲解日常检查与保养要点，提醒按期保养", comp, NULL },
		    resolved, err);
	/* R2 §3.3.2: signed after the service */
	snprintf(signer, sizeof signer, "signed_by=%s",
		 wo_rnd(4) == 0 ? "盖章" : contact);
	snprintf(comment, sizeof comment, "customer_comment=%s",
		 comments[wo_rnd(sizeof comments / sizeof comments[0])]);
	if (rc == 0 && signed_at <= now && upto > 4)
		rc = wo_step(c, wo, handler, "sign", (const char *[]){ signer,
		    wo_time(c, c4, sizeof c4, "signed_at", signed_at),
		    comment, NULL }, signed_at + 60, err);
	/* R2 §3.4.1, §3.2.1: the survey the signature made, answered */
	if (rc == 0 && signed_at <= now && upto > 4)
		rc = demo_survey(c, wo, signed_at, now, err);
	/* R2 §3.4.3: back at base, approved, archived */
	if (rc == 0 && back <= now && upto > 5)
		rc = wo_step(c, wo, handler, "return", (const char *[]){
		    wo_time(c, c5, sizeof c5, "returned_at", back),
		    "old_parts_returned=yes", NULL }, back + 60, err);
	/*
	 * R1 §9, R2 §3.4.3: the trip's costs, the expense claim filed on
	 * return against the advance of 2,000 (R2 §3.4.1)
	 */
	demo_wo_costs(wcost, sizeof wcost, handler, km, 0);
	demo_wo_costs(wconf, sizeof wconf, handler, km, 1);
	if (rc == 0 && back <= now && upto > 5)
		rc = wo_step(c, wo, handler, NULL, (const char *[]){ wcost,
		    NULL }, back + 120, err);
	if (rc == 0 && back + 3600 <= now && upto > 5)
		rc = wo_step(c, wo, handler, "file_expenses", (const char *[]){
		    wo_time(c, c6, sizeof c6, "expenses_filed_at",
		    back + 3600), NULL }, back + 3600, err);
	snprintf(approver, sizeof approver, "report_approved_by=%s", mgr);
	if (rc == 0 && back + 86400 <= now && upto > 6)
		rc = wo_step(c, wo, mgr, "approve", (const char *[]){
		    approver, NULL }, back + 86400, err);
	snprintf(approver, sizeof approver, "expenses_approved_by=%s", mgr);
	if (rc == 0 && back + 86400 <= now && upto > 6)
		rc = wo_step(c, wo, mgr, "approve_expenses", (const char *[]){
		    approver, NULL }, back + 86400 + 300, err);
	if (rc == 0 && back + 2 * 86400 <= now && upto > 6)
		rc = wo_step(c, wo, "finance", NULL, (const char *[]){ wconf,
		    NULL }, back + 2 * 86400, err);
	if (rc == 0 && back + 2 * 86400 <= now && upto > 6)
		rc = wo_step(c, wo, "finance", "settle_expenses",
		    (const char *[]){ wo_time(c, c6, sizeof c6, "settled_at",
		    back + 2 * 86400 + 600), "settled_by=finance", NULL },
		    back + 2 * 86400 + 600, err);
	/* R2 §3.8: a supplier claim where the warranty check names one */
	if (rc == 0 && back + 2 * 86400 <= now && upto > 6)
		rc = demo_claim(c, wo, km, back + 2 * 86400 + 900, now, err);
	if (rc == 0 && back + 3 * 86400 <= now && upto > 7)
		rc = wo_step(c, wo, "admin", "archive", (const char *[]){
		    NULL }, back + 3 * 86400, err);
	free(wo);
	return rc;
}

/*
 * R2 §3.3.1: the vehicle of a complaint, in the product register before
 * it, so that the complaint's warranty check finds it: fifteen products
 * in sixteen (the rest came before the register), delivered 3 to 48
 * months before, with the parts its suppliers
 * made.  Everything is derived from the serial, not from rnd(), so the
 * complaints themselves are what they were before the register existed.
 */
static int
demo_product(struct core *c, const char *serial, const char *model,
	     const char *org, int64_t created, int bus, struct as_err *err)
{
	unsigned long long h = 1469598103934665603ULL;
	const char *p;
	struct core_kv in[6];
	struct as_buf when = {0};
	char *id = NULL;
	int rc;

	for (p = serial; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	if (h % 16 == 15)
		return 0;
	core_format_time(c, created - (int64_t)(3 + h / 16 % 46) * 2629800,
			 0, &when);
	in[0] = (struct core_kv){ "serial", serial };
	in[1] = (struct core_kv){ "model", model };
	in[2] = (struct core_kv){ "customer", org };
	in[3] = (struct core_kv){ "delivered_on", when.data };
	in[4] = (struct core_kv){ "supplier_parts", bus ?
	    "[{\"component\":\"发动机\",\"supplier\":\"玉柴机器\"},"
	    "{\"component\":\"空调\",\"supplier\":\"松芝\"}]" :
	    "[{\"component\":\"发动机\",\"supplier\":\"潍柴动力\"},"
	    "{\"component\":\"液压泵\",\"supplier\":\"川崎\"}]" };
	core_set_clock(c, created - 3600);
	rc = core_set_user(c, "admin", err);
	if (rc == 0)
		rc = core_create(c, "product", in, 5, &id, err);
	buf_free(&when);
	free(id);
	return rc;
}

/*
 * "costs=[...]" into buf: the cost lines of a case (R1 §9), amounts in
 * fen: with bit 1 of which the handler's travel, lodging and allowance
 * (R1 §9.1), bit 2 the parts and bit 4 the repair (R1 §9.2); confirmed:
 * each line confirmed by finance (R1 §6).  Bearers are left to their
 * defaults (costs: bearers: of the configuration).
 */
static void
demo_costs(char *buf, size_t size, const char *handler, unsigned travel,
	   unsigned parts, unsigned labour, unsigned which, int confirmed)
{
	const char *conf = confirmed ? ",\"confirmed\":\"finance\"" : "";
	size_t n;

	n = (size_t)snprintf(buf, size, "costs=[");
	if (which & 1)
		n += (size_t)snprintf(buf + n, size - n,
		    "{\"type\":\"travel\",\"amount\":\"%u.%02u\","
		    "\"staff\":\"%s\"%s},"
		    "{\"type\":\"lodging\",\"amount\":\"%u\","
		    "\"staff\":\"%s\",\"note\":\"%u 晚\"%s},"
		    "{\"type\":\"allowance\",\"amount\":\"%u\","
		    "\"staff\":\"%s\"%s},", travel / 100, travel % 100,
		    handler, conf, 180 * (1 + travel % 3), handler,
		    1 + travel % 3, conf, 60 * (2 + travel % 3), handler, conf);
	if (which & 2)
		n += (size_t)snprintf(buf + n, size - n,
		    "{\"type\":\"parts\",\"amount\":\"%u\"%s},", parts,
		    conf);
	if (which & 4)
		n += (size_t)snprintf(buf + n, size - n,
		    "{\"type\":\"repair\",\"amount\":\"%u\"%s},", labour,
		    conf);
	if (n < size && buf[n - 1] == ',')
		n--;
	snprintf(buf + n, size - n, "]");
}

static int
demo_one(struct core *c, int64_t created, int64_t now, struct as_err *err)
{
	char name[64], phone[32], serial[48], addr[160], owner[32];
	char cost1[400], cost2[400], cost3[400], cause[160], fix[160];
	char conf1[600], conf2[600], conf3[600], repair[160];
	char recovered[48];
	unsigned travel;
	const char *handler;
	unsigned parts, labour;
	const char *org = PICK(orgs);
	unsigned m = rnd(sizeof models / sizeof models[0]), d;
	int quality;
	static const char *const channels[] = { "phone", "phone", "letter",
						"visit", "other" };
	static const char *const engineers[] = { "engineer", "zhangwei",
						 "lina", "liujun" };
	/*
	 * R1 §8.1, R2 §3.7.6: each case is the work of its handler's unit
	 * (config/demo.yaml): the branch, the Zhengzhou or Xi'an field
	 * office, the Luoyang service station.
	 */
	static const char *const units[] = { "branch", "office_zhengzhou",
					     "office_xian", "station_luoyang" };
	const char *registrar = "admin";
	unsigned e, dk;
	static const char *const depts[] = { "production", "technical",
					     "supplier", "service" };
	static const char *const dispositions[] = { "repair", "replace",
						    "repair", "return" };
	char dist[16], dept[48], disp[48], chan[48], fclass[48], cat[48];
	char person[64];
	struct core_kv in[12];
	struct as_buf recv = {0};
	char *id = NULL;
	int64_t t = created, received;
	unsigned stop;
	int rc;

	do
		d = rnd(sizeof problems / sizeof problems[0]);
	while (problems[d].bus != 2 && problems[d].bus != models[m].bus);
	quality = problems[d].quality;
	snprintf(name, sizeof name, "%s%s", PICK(surnames), PICK(given));
	snprintf(phone, sizeof phone, "1%u%u%04u%04u", 3 + rnd(7), rnd(10),
		 rnd(10000), rnd(10000));
	snprintf(serial, sizeof serial, "%s%c%07u", models[m].vin,
		 'A' + (char)rnd(26), rnd(10000000));
	snprintf(addr, sizeof addr, "%s%s%u号", PICK(cities), PICK(streets),
		 1 + rnd(300));
	snprintf(dist, sizeof dist, "%u", 5 + rnd(400));
	snprintf(chan, sizeof chan, "%s", channels[rnd(5)]);
	snprintf(fclass, sizeof fclass, "%s", problems[d].fault);
	in[0] = (struct core_kv){ "customer_name", name };
	in[1] = (struct core_kv){ "customer_org", org };
	in[2] = (struct core_kv){ "phone", phone };
	in[3] = (struct core_kv){ "address", addr };
	in[4] = (struct core_kv){ "model", models[m].model };
	in[5] = (struct core_kv){ "serial", serial };
	in[6] = (struct core_kv){ "channel", chan };
	in[7] = (struct core_kv){ "description", problems[d].what };
	in[8] = (struct core_kv){ "fault_class", fclass };
	in[9] = (struct core_kv){ "distance_km", dist };
	e = rnd(4);
	handler = engineers[e];
	in[11] = (struct core_kv){ "unit", units[e] };
	/* the Zhengzhou office registers some of its own cases (R1 §5.1) */
	if (e == 1 && rnd(2))
		registrar = "office_manager";
	/*
	 * R1 §7.2: the complaint came in before it was registered: a call
	 * minutes before, a letter up to two days before.
	 */
	received = created - 60 * (int64_t)(strcmp(chan, "letter") == 0
	    ? 60 + rnd(47 * 60) : 2 + rnd(90));
	core_format_time(c, received, 1, &recv);
	in[10] = (struct core_kv){ "received_at", recv.data };
	if ((rc = demo_product(c, serial, models[m].model, org, created,
			       models[m].bus, err)) != 0) {
		buf_free(&recv);
		return rc;
	}
	core_set_clock(c, created);
	rc = core_set_user(c, registrar, err);
	if (rc == 0)
		rc = core_create(c, "complaint", in, 12, &id, err);
	buf_free(&recv);
	if (rc != 0)
		return rc;
	if ((rc = first_answer(c, id, received, now, &t, err)) != 0) {
		free(id);
		return rc;
	}
	snprintf(owner, sizeof owner, "owner=%s", handler);
	snprintf(cat, sizeof cat, "category=%s",
		 quality ? "quality" : "non_quality");
	snprintf(cause, sizeof cause, "cause=%s", problems[d].cause);
	snprintf(fix, sizeof fix, "countermeasure=%s", problems[d].fix);
	snprintf(repair, sizeof repair, "resolution=%s", problems[d].fix);
	/* R2 §3.2.1: few are after-sales service's own fault (< 3 %) */
	dk = rnd(4);
	if (dk == 3 && (created / 60) % 50 != 0)
		dk = 0;
	snprintf(dept, sizeof dept, "responsible_dept=%s", depts[dk]);
	snprintf(person, sizeof person, "responsible_person=%s%s",
		 PICK(surnames), PICK(given));
	snprintf(disp, sizeof disp, "disposition=%s", dispositions[rnd(4)]);
	travel = (200 + rnd(1500)) * 100;
	travel += rnd(100);
	parts = 100 + rnd(8000);
	labour = 50 + rnd(2000);
	/*
	 * R1 §9: the cost lines the owner enters (travel, lodging and
	 * allowance of the handler, R1 §9.1; parts and repair, R1 §9.2),
	 * each bearer left to its default; finance then confirms each
	 * (R1 §6).  Derived from the same draws as before; written below
	 * for the path taken only.
	 */
	/* R1 §5.2: what the business department recovered, often all of it */
	snprintf(recovered, sizeof recovered, "recovered_amount=%u",
		 rnd(3) ? parts + labour : (parts + labour) / 2);
	{
		/*
		 * R1 §8.1: the owner (handler) enters the costs and finishes;
		 * R1 §6: finance reviews the costs of every case.
		 */
		const struct step quality_path[] = {
			{ "branch_manager", "accept", { cat, owner } },
			{ "admin", "investigate", { 0 } },
			{ "technical", "analyse", { cause, fix } },
			{ "qc", "assign", { dept, person, disp } },
			{ handler, NULL, { cost1 } },
			{ handler, "finish", {
				"resolution=已到现场处理完毕，车辆恢复正常" } },
			{ "finance", NULL, { conf1 } },
			{ "finance", "review_costs", { 0 } },
			{ "admin", "close", {
				"feedback=已电话回访客户，客户对处理结果满意",
				"improvement=已通报生产科，纳入月度质量改进" } },
		};
		/* R1 §6 joint analysis, then a dispute on the costs (§7.3) */
		const struct step escalated_path[] = {
			{ "branch_manager", "accept", { cat, owner } },
			{ "admin", "investigate", { 0 } },
			{ "production", "escalate", { "escalation_reason="
				"同类故障多发，需技术开发科会审" } },
			{ "tech_dev", "conclude", { cause, fix } },
			{ "qc", "assign", { dept, person, disp } },
			{ handler, NULL, { cost2 } },
			{ handler, "finish", {
				"resolution=按会审方案完成整改" } },
			{ "admin", "dispute", {
				"dispute_reason=客户对费用分摊有异议" } },
			{ "branch_manager", "resolve_dispute", {
				"coordinator=hejianguo",
				"dispute_resolution=按合同条款由制造成本承担，"
				"差旅费由分公司承担" } },
			{ handler, "finish", { 0 } },
			{ "finance", NULL, { conf2 } },
			{ "finance", "review_costs", { 0 } },
			{ "admin", "close", {
				"feedback=争议已按合同条款解决，客户认可",
				"improvement=技术开发科发布设计变更" } },
		};
		/* R1 §5.2: damage by the customer's people */
		const struct step damage_path[] = {
			{ "branch_manager", "accept", { cat, owner } },
			{ "business", "handle_damage", { cause, repair } },
			{ handler, NULL, { cost3 } },
			{ handler, "finish", {
				"resolution=已修复，培训记录已存档" } },
			{ "finance", NULL, { conf3 } },
			{ "finance", "chargeback", { 0 } },
			{ "business", "settle", { recovered } },
			{ "admin", "close", {
				"feedback=费用已与客户结清，客户认可",
				"improvement=向客户发放操作手册" } },
		};
		/* R1 §5.2, §6: registered as quality, QC finds it was damage */
		const struct step recategorised_path[] = {
			{ "branch_manager", "accept", {
				"category=quality", owner } },
			{ "admin", "investigate", { 0 } },
			{ "production", "analyse", { cause, fix } },
			{ "qc", "recategorise", { "category=non_quality",
				"category_reason=追查原因为用户操作不当，"
				"属非质量问题" } },
			{ "business", "handle_damage", { cause, repair } },
			{ handler, NULL, { cost3 } },
			{ handler, "finish", { 0 } },
			{ "finance", NULL, { conf3 } },
			{ "finance", "chargeback", { 0 } },
			{ "business", "settle", { recovered } },
			{ "admin", "close", {
				"feedback=费用已与客户结清",
				"improvement=向客户讲解作业规范" } },
		};
		/* R1 §7.1; R1 §7.3: the customer disputes the rejection */
		const struct step reject_path[] = {
			{ "branch_manager", "reject", { "reject_reason="
				"车辆已超出三包期且非本公司产品改装件" } },
			{ "business", "dispute_rejection", { "dispute_reason="
				"客户称车辆仍在三包期内" } },
			{ "branch_manager", "resolve_reject", {
				"coordinator=hejianguo",
				"dispute_resolution=经核对购车合同，已超出三包期，"
				"维持不予受理" } },
		};
		const struct step *p;
		size_t n;
		unsigned kind = rnd(20);
		/* a dispute is coordinated within weeks (R1 §7.3) */
		int recent = now - created < 21 * 86400;

		if (kind == 0) {
			/* mostly accepted as final; some disputed */
			p = reject_path;
			n = (size_t[]){ 1, 1, 1, 1, 2, 3 }[rnd(6)];
			if (n == 2 && !recent)
				n = 3;
		} else if (!quality && kind < 5) {
			p = recategorised_path;
			n = sizeof recategorised_path /
			    sizeof recategorised_path[0];
		} else if (!quality) {
			p = damage_path;
			n = sizeof damage_path / sizeof damage_path[0];
		} else if (kind < 4) {
			/*
			 * one in three disputes of the last three weeks is
			 * still being coordinated
			 */
			p = escalated_path;
			n = kind == 1 && recent ? 8 :
			    sizeof escalated_path / sizeof escalated_path[0];
		} else {
			p = quality_path;
			n = sizeof quality_path / sizeof quality_path[0];
		}
		/* the cost lines of the path taken (the others are unused) */
		if (p == quality_path) {
			demo_costs(cost1, sizeof cost1, handler, travel, parts,
			    labour, 7, 0);
			demo_costs(conf1, sizeof conf1, handler, travel, parts,
			    labour, 7, 1);
		} else if (p == escalated_path) {
			demo_costs(cost2, sizeof cost2, handler, travel, parts,
			    labour, 6, 0);
			demo_costs(conf2, sizeof conf2, handler, travel, parts,
			    labour, 6, 1);
		} else if (p != reject_path) {
			demo_costs(cost3, sizeof cost3, handler, travel, parts,
			    labour, 4, 0);
			demo_costs(conf3, sizeof conf3, handler, travel, parts,
			    labour, 4, 1);
		}
		/*
		 * Older complaints are closed (or at the end of their path);
		 * those of the last week are on their way, so the stage
		 * clocks (days, not weeks) show a realistic mix.
		 */
		stop = (unsigned)n;
		if (now - created < 7 * 86400)
			stop = rnd((unsigned)n + 1);
		/*
		 * R2 §3.4: every other accepted quality case on a bus gets
		 * a service trip right after its acceptance.
		 */
		if (p == quality_path && models[m].bus && stop >= 1 &&
		    wo_rnd(2) == 0) {
			walk_hours = 3;  /* a breakdown is accepted fast */
			rc = walk(c, id, p, 1, &t, err);
			walk_hours = 36;
			if (rc == 0)
				rc = demo_workorder(c, id, d, units[e],
				    handler, name, (unsigned)atoi(dist),
				    received, t + 300, now, now - created <
				    7 * 86400 ? wo_rnd(9) : 8, err);
			if (rc == 0)
				rc = walk(c, id, p + 1, stop - 1, &t, err);
		} else
			rc = walk(c, id, p, stop, &t, err);
	}
	free(id);
	return rc;
}

/*
 * R2 §3.5: a few calls and letters of the last days, logged in time
 * order, each taken as far as its row says: answered (by phone, or in
 * writing for a chassis / engine fault, R2 §3.2.3) and archived,
 * clarified, or still waiting for its answer.  None is turned into a
 * complaint: --records N writes N complaints exactly.
 */
static const struct {
	int hours_ago;         /* when it came in */
	const char *channel, *caller, *org, *phone, *subject, *content;
	const char *fault;     /* fault_class */
	const char *taker;     /* login that logged it */
	int end;               /* 0 logged, 1 clarifying, 2 answered,
				  3 archived */
} demo_calls[] = {
	{ 240, "phone", "王建国", "郑州公交集团", "13803710001", "保养周期咨询",
	  "询问新购客车首次保养里程和项目", "other", "engineer", 3 },
	{ 200, "letter", "李秀英", "北京祥龙客运", "010-63512345",
	  "发动机动力不足", "来函反映两台客车爬坡无力，冒黑烟",
	  "chassis_engine", "admin", 3 },
	{ 150, "phone", "张志强", "中铁十二局二公司", "13935120002",
	  "挖掘机动臂下沉", "停机后动臂明显下沉，要求派人检查", "other",
	  "office_manager", 2 },
	{ 96, "fax", "陈海燕", "上海巴士一汽", "021-64123456", "配件价格",
	  "传真询问乘客门门泵的配件价格与供货周期", "other", "business", 2 },
	{ 60, "visit", "刘国庆", "", "13700371234", "车身漏水",
	  "来访反映雨天车顶漏水，车辆在三包期内", "body", "engineer", 1 },
	{ 30, "email", "赵丽娟", "杭州长运", "0571-88123456", "变速箱异响",
	  "邮件反映变速箱换挡异响，附行驶记录", "chassis_engine", "admin", 2 },
	{ 14, "phone", "孙建华", "南京公交集团", "13912340003", "空调不制冷",
	  "空调开启后出风口不凉", "body", "engineer", 0 },
	{ 6, "letter", "周文博", "重庆交运集团", "023-67851234", "制动跑偏",
	  "来函反映制动时车辆向右跑偏", "chassis_engine", "office_manager", 0 },
	{ 2, "phone", "吴子涵", "", "15837120004", "仪表报警",
	  "仪表盘报警灯常亮，询问能否继续行驶", "other", "engineer", 0 },
};

static int
demo_call(struct core *c, size_t i, int64_t now, struct as_err *err)
{
	struct as_buf recv = {0}, rep = {0};
	struct core_kv in[10];
	char replied[64], chan[32], taker[48];
	int letter = strcmp(demo_calls[i].fault, "chassis_engine") == 0;
	int64_t received = now - 3600 * (int64_t)demo_calls[i].hours_ago;
	int64_t t = received + 300;
	char *id = NULL;
	int rc;

	core_format_time(c, received, 1, &recv);
	core_format_time(c, received + (letter ? 8 : 3) * 3600, 1, &rep);
	snprintf(replied, sizeof replied, "replied_at=%s", rep.data);
	snprintf(chan, sizeof chan, "reply_channel=%s",
		 letter ? "letter" : "phone");
	snprintf(taker, sizeof taker, "%s", demo_calls[i].taker);
	in[0] = (struct core_kv){ "received_at", recv.data };
	in[1] = (struct core_kv){ "channel", demo_calls[i].channel };
	in[2] = (struct core_kv){ "caller", demo_calls[i].caller };
	in[3] = (struct core_kv){ "org", demo_calls[i].org };
	in[4] = (struct core_kv){ "phone", demo_calls[i].phone };
	in[5] = (struct core_kv){ "subject", demo_calls[i].subject };
	in[6] = (struct core_kv){ "content", demo_calls[i].content };
	in[7] = (struct core_kv){ "fault_class", demo_calls[i].fault };
	in[8] = (struct core_kv){ "taken_by", taker };
	core_set_clock(c, t);
	rc = core_set_user(c, taker, err);
	if (rc == 0)
		rc = core_create(c, "call", in, 9, &id, err);
	buf_free(&recv);
	if (rc == 0) {
		const struct step answered[] = {
			{ taker, letter ? "answer_letter" : "answer", {
				letter ? "reply=已书面答复用户，并安排服务站上门检查"
				       : "reply=已电话答复用户",
				chan, replied } },
			{ "admin", "archive", { 0 } },
		};
		const struct step clarify[] = {
			{ taker, "clarify", {
				"facts=已核实车辆在三包期内，用户所述属实" } },
		};
		switch (demo_calls[i].end) {
		case 1:
			rc = walk(c, id, clarify, 1, &t, err);
			break;
		case 2:
		case 3:
			rc = walk(c, id, answered,
			    (size_t)demo_calls[i].end - 1, &t, err);
			break;
		}
	}
	buf_free(&rep);
	free(id);
	return rc;
}

/* The held old parts created before `before` (their numbers). */
struct held_ctx {
	int64_t before;
	char **ids;
	size_t n, cap;
};

static int
held_visit(const struct store_rec *r, void *vctx)
{
	struct held_ctx *x = vctx;

	if (r->created >= x->before)
		return 0;
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		x->ids = xrealloc(x->ids, x->cap * sizeof *x->ids);
	}
	x->ids[x->n++] = xstrdup(r->id);
	return 0;
}

/*
 * The store as it stands today: R2 §3.7.5 last month's old parts
 * disposed of in one batch (one in five kept as claim evidence), this
 * month's still held; R2 §3.6.1 requisitions waiting for approval and
 * approved ones waiting for issue; R2 §3.7.1 a stock count with a
 * variance waiting for the manager; R2 §3.7.2 a receiving note not yet
 * posted.
 */
static int
demo_store_today(struct core *c, int64_t now, struct as_err *err)
{
	struct held_ctx h = { 0, NULL, 0, 0 };
	struct core_list q;
	struct tm tm;
	time_t tt = (time_t)now;
	char *id = NULL;
	size_t i;
	int rc;

	gmtime_r(&tt, &tm);
	h.before = now - (int64_t)(tm.tm_mday - 1) * 86400 -
	    tm.tm_hour * 3600 - tm.tm_min * 60 - tm.tm_sec;
	memset(&q, 0, sizeof q);
	q.type = "oldpart";
	q.view = CORE_VIEW_STATE;
	q.state = "held";
	core_set_clock(c, now);
	rc = core_set_user(c, "store_clerk", err);
	if (rc == 0)
		rc = core_list(c, &q, held_visit, &h, err);
	for (i = 0; rc == 0 && i < h.n; i++)
		rc = wo_step(c, h.ids[i], "store_clerk", NULL, (const char *[]){
		    i % 5 == 4 ? "disposal=evidence" : "disposal=scrapped",
		    NULL }, h.before + 3600, err);
	if (rc == 0 && h.n > 0) {
		core_set_clock(c, h.before + 7200);
		rc = wf_apply_batch(c, (const char *const *)h.ids, NULL, h.n,
		    "dispose", NULL, 0, NULL, err);
	}
	for (i = 0; i < h.n; i++)
		free(h.ids[i]);
	free(h.ids);
	if (rc == 0)
		rc = demo_new(c, "requisition", "zhangwei", (const char *[]){
		    "lines=[{\"part\":\"AF-310\",\"quantity\":2},"
		    "{\"part\":\"WB-700\",\"quantity\":4}]",
		    "reason=郑州办事处服务车常备件", NULL }, now - 5 * 3600, &id,
		    err);
	free(id);
	id = NULL;
	if (rc == 0)
		rc = demo_new(c, "requisition", "liujun", (const char *[]){
		    "lines=[{\"part\":\"TH-30\",\"quantity\":2}]",
		    "reason=洛阳服务站维修备用", NULL }, now - 3 * 3600, &id, err);
	if (rc == 0)
		rc = wo_step(c, id, "branch_manager", "approve",
		    (const char *[]){ "approved_by=branch_manager", NULL },
		    now - 2 * 3600, err);
	free(id);
	id = NULL;
	if (rc == 0)
		rc = demo_new(c, "stockcount", "store_clerk", (const char *[]){
		    "account=central", "counted_by=马超",
		    "lines=[{\"part\":\"LMP-H7\",\"counted\":88},"
		    "{\"part\":\"WB-700\",\"counted\":50}]", NULL },
		    now - 4 * 3600, &id, err);
	if (rc == 0)
		rc = wo_step(c, id, "store_clerk", "compare",
		    (const char *[]){ NULL }, now - 4 * 3600 + 600, err);
	free(id);
	id = NULL;
	if (rc == 0)
		rc = demo_new(c, "receipt", "store_clerk", (const char *[]){
		    "account=central", "supplier=平原滤清器",
		    "delivery_note=PY-20261130",
		    "lines=[{\"part\":\"FLT-200\",\"quantity\":40},"
		    "{\"part\":\"AF-310\",\"quantity\":20}]", NULL },
		    now - 3600, &id, err);
	free(id);
	return rc;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Complaints per durable commit: every step of the demo goes through the
 * engine, but some 130,000 of them share one commit (core_batch_begin)
 * rather than two syncs each; a 200,000-record demo commits 20 times,
 * not 2.6 million (at 2,500 complaints a commit it wrote twice the bytes
 * and took 61 s instead of 56).  About DEMO_BYTES a complaint in the
 * database, with its product, steps, work order and history: the map is
 * sized for it first.
 */
#define DEMO_BATCH 10000
#define DEMO_BYTES 16384

/*
 * The n complaints of times[], then the calls, in batches.  When a batch
 * must run again (the map grew: AS_E_RETRY), the generators go back to
 * where the batch began, so it writes the same records again.
 */
static int
demo_batched(struct core *c, const int64_t *times, size_t n, int64_t now,
	     struct as_err *err)
{
	unsigned long long rs = rng_state, ws = wo_state;
	size_t i = 0, from = 0, k;
	unsigned again = 0;
	int rc;

	core_reserve(c, (uint64_t)n * DEMO_BYTES, err);
	if ((rc = core_batch_begin(c, err)) != 0)
		return rc;
	while (rc == 0 && i <= n) {
		if (i < n && (rc = demo_one(c, times[i], now, err)) == 0)
			as_progress(AS_TR("演示数据", "demo"), 0, i + 1, n);
		for (k = 0; rc == 0 && i == n &&
		    k < sizeof demo_calls / sizeof demo_calls[0]; k++)
			rc = demo_call(c, k, now, err);
		i++;
		if (rc == 0 && (i % DEMO_BATCH == 0 || i > n))
			rc = i > n ? core_batch_end(c, 1, err)
			    : core_batch_commit(c, err);
		if (rc == 0 && i % DEMO_BATCH == 0) {
			from = i;
			rs = rng_state;
			ws = wo_state;
		}
		if (rc == AS_E_RETRY && again++ < 8) {
			core_batch_end(c, 0, err);
			i = from;
			rng_state = rs;
			wo_state = ws;
			rc = core_batch_begin(c, err);
		}
	}
	if (rc != 0)
		core_batch_end(c, 0, NULL);
	return rc;
}

/*
 * fn(c, t, err) in one batch, one durable commit instead of one for each
 * of its steps (the parts master and the store's documents: some 150;
 * issue 13).  Run again from the start when the batch must be (the map
 * grew: AS_E_RETRY); fn writes the same records every time.
 */
static int
demo_one_batch(struct core *c, int (*fn)(struct core *, int64_t,
	       struct as_err *), int64_t t, struct as_err *err)
{
	unsigned again = 0;
	int rc;

	for (;;) {
		if ((rc = core_batch_begin(c, err)) != 0)
			return rc;
		if ((rc = fn(c, t, err)) == 0)
			return core_batch_end(c, 1, err);
		core_batch_end(c, 0, NULL);
		if (rc != AS_E_RETRY || again++ >= 8)
			return rc;
	}
}

int
cmd_demo(struct cli *cl)
{
	struct as_err err = {0};
	struct core *c;
	size_t n = cl->records ? cl->records : 1000, i;
	int64_t now, *times;
	int rc;

	if (cl->nargs != 1)
		return cli_usage("%s", AS_TR("用法: aftersales demo [--records N]",
				 "usage: aftersales demo [--records N]"));
	if ((rc = cli_open(cl, 1, 0, &c)) != 0)
		return rc;
	demo_now = now = core_now(c);
	if (!core_cfg(c)->allow_user_override) {
		core_close(&c);
		fprintf(stderr, "%s", AS_TR("aftersales: demo 以每个演示用户的"
			"身份操作，需要设置了 allow_user_override: true 的配置"
			"（请用 config/demo.yaml）\n", "aftersales: demo acts "
			"as every demo user and needs a configuration with "
			"allow_user_override: true (use config/demo.yaml)\n"));
		return cli_exit_code(AS_E_PERM);
	}
	if ((rc = core_may(c, "demo", &err)) != 0) {
		core_close(&c);
		return cli_fail(rc, &err);
	}
	/* Spread over the last 180 days, oldest first, as numbers run. */
	times = xcalloc(n, sizeof *times);
	for (i = 0; i < n; i++)
		times[i] = now - 180 * 86400 + (int64_t)rnd(180 * 86400 - 7200);
	qsort(times, n, sizeof *times, cmp_i64);
	rc = demo_one_batch(c, demo_store, now - 181 * 86400, &err);
	cli_progress_begin();
	if (rc == 0)
		rc = demo_batched(c, times, n, now, &err);
	cli_progress_end();
	if (rc == 0)
		rc = demo_one_batch(c, demo_store_today, now, &err);
	free(times);
	core_close(&c);
	if (rc != 0)
		return cli_fail(rc, &err);
	printf(AS_TR("demo: %zu 条投诉已写入 %s\n",
	       "demo: %zu complaints written to %s\n"), n, cli_esc(cl->o.db));
	return 0;
}
