/*
 * gen.c - the data of the benchmark: a realistic complaint CSV for
 * `aftersales import` (Chinese customer names, organisations and
 * addresses, unique phones and serials, machinery models, a description;
 * about 300 bytes a row) and lists of random existing keys for the lookup
 * benchmarks.  Row i is a pure function of i, so the keys of any row can be
 * computed again without reading the CSV.
 *
 *   gen csv N              the CSV with a header line, rows 0..N-1
 *   gen keys N COUNT SEED PREFIX
 *                          COUNT lines "number phone serial" of random
 *                          rows; the number is PREFIX followed by the
 *                          1-based row number, zero-padded to six digits
 *                          (what the import assigns to a fresh database)
 *
 * Phones are 1[3-9] followed by a bijection of i modulo 10^9, serials end
 * in a bijection of i modulo 10^7: unique for N up to ten million.  No
 * field needs CSV quoting.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐",
	"孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁",
	"谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖",
	"田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程",
	"苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟",
	"谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付",
	"方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫",
	"段", "雷", "侯", "龙", "史", "欧阳", "司马", "诸葛",
};

static const char *const given[] = {
	"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋",
	"勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚",
	"桂英", "建国", "建华", "志强", "海燕", "晓东", "春梅", "国庆",
	"红梅", "玉兰", "德明", "文斌", "宏伟", "子豪", "浩然", "梓涵",
	"欣怡", "宇轩", "一鸣", "俊杰", "晓燕", "振华", "立新", "永刚",
	"雪", "鹏", "辉", "斌", "飞", "波", "宁", "华", "鑫", "琳",
};

static const char *const cities[][2] = {
	{"山东省", "济南"}, {"山东省", "青岛"}, {"山东省", "淄博"},
	{"山东省", "潍坊"}, {"山东省", "临沂"}, {"河北省", "石家庄"},
	{"河北省", "唐山"}, {"河南省", "郑州"}, {"河南省", "洛阳"},
	{"山西省", "太原"}, {"山西省", "大同"}, {"陕西省", "西安"},
	{"陕西省", "宝鸡"}, {"甘肃省", "兰州"}, {"宁夏回族自治区", "银川"},
	{"内蒙古自治区", "呼和浩特"}, {"内蒙古自治区", "包头"}, {"辽宁省", "沈阳"},
	{"辽宁省", "大连"}, {"吉林省", "长春"}, {"黑龙江省", "哈尔滨"},
	{"安徽省", "合肥"}, {"安徽省", "芜湖"}, {"江苏省", "南京"},
	{"江苏省", "徐州"}, {"浙江省", "杭州"}, {"浙江省", "宁波"},
	{"江西省", "南昌"}, {"湖南省", "长沙"}, {"湖北省", "武汉"},
	{"四川省", "成都"}, {"贵州省", "贵阳"}, {"云南省", "昆明"},
	{"广西壮族自治区", "南宁"}, {"广东省", "广州"}, {"福建省", "福州"},
	{"新疆维吾尔自治区", "乌鲁木齐"}, {"青海省", "西宁"},
};

static const char *const districts[] = {
	"高新区", "经济开发区", "城关镇", "历城区", "市中区", "新城区",
	"工业园区", "港区", "北区", "东城区", "西城区", "南郊",
};

static const char *const roads[] = {
	"工业路", "建设路", "人民路", "解放路", "和平路", "胜利大街",
	"经十路", "黄河路", "长江路", "泰山路", "开发大道", "环城北路",
};

static const char *const orgs[] = {
	"建筑工程有限公司", "路桥集团", "土石方工程队", "矿业有限公司",
	"物流有限公司", "市政工程公司", "农机合作社", "水利工程处",
	"机械租赁站", "港务有限公司", "建材厂", "石料厂",
};

static const char *const models[] = {
	"ZL50G", "ZL30E", "LW500FN", "CLG856H", "SD16", "SY215C", "SY75C",
	"XE60DA", "XE215DA", "QY25K5", "QY50KA", "XCT25", "LG936L",
	"R916", "PC200-8", "CDM855", "SEM655D", "XG955", "YZ18C", "XS143J",
};

static const char *const wmis[] = {
	"LZY", "LFW", "LGB", "LSG", "LJD", "LHG", "LVS", "LZZ", "LXG", "LFP",
};

static const char *const channels[] = {
	"phone", "phone", "phone", "phone", "letter", "visit", "visit",
	"other",
};

static const char *const faults[] = {
	"body", "chassis_engine", "chassis_engine", "other",
};

static const char *const symptoms[] = {
	"发动机启动困难，冷车时冒黑烟",
	"液压系统压力不足，动臂提升缓慢",
	"变速箱换挡异响，三档时有跳档现象",
	"驾驶室空调不制冷，压缩机不工作",
	"回转马达漏油，油封处有明显渗漏",
	"行走跑偏，左侧履带张紧不够",
	"仪表盘报警灯常亮，水温显示偏高",
	"铲斗销轴磨损严重，间隙过大",
	"制动失灵，踩下制动踏板后车辆不能及时停止",
	"柴油滤清器堵塞，怠速不稳",
	"电瓶亏电，停放一夜后无法启动",
	"驾驶室门锁损坏，车门关不严",
	"转向沉重，转向油缸有内泄",
	"涡轮增压器异响，动力明显下降",
	"大臂焊缝开裂，长约十五厘米",
	"液压油温度过高，连续作业两小时后自动降速",
};

static const char *const contexts[] = {
	"购机不到三个月",
	"设备在工地连续作业",
	"上周刚做过首保",
	"用户称已影响施工进度",
	"已联系当地服务站但未解决",
	"用户要求尽快派人现场处理",
	"此前同一问题已维修过一次",
	"工作小时约一千二百小时",
};

static const char *const requests[] = {
	"请安排工程师尽快电话回访并确认是否需要现场服务",
	"客户希望在本周内派服务车到现场检修",
	"请服务站核实三包期限后答复客户",
	"客户要求提供书面处理意见",
	"已告知客户先停机等待服务人员到场",
	"请备件库确认相关配件库存情况",
};

static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Pick from a list by a hash of row i and a salt. */
#define PICK(list, i, salt) ((list)[mix((uint64_t)(i) * 131 + (salt)) % NELEM(list)])

static void
phone_of(uint64_t i, char out[16])
{
	/* 3^18 is prime to 10: i * 3^18 mod 10^9 is a bijection */
	uint64_t tail = (i * 387420489ULL + 123456789ULL) % 1000000000ULL;

	snprintf(out, 16, "1%c%09" PRIu64, (char)('3' + mix(i) % 7), tail);
}

static void
serial_of(uint64_t i, char out[24])
{
	static const char letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";
	uint64_t h = mix(i ^ 0x5eed), tail;
	char mid[6];
	int k;

	for (k = 0; k < 5; k++) {
		mid[k] = letters[h % (sizeof letters - 1)];
		h /= sizeof letters - 1;
	}
	mid[5] = '\0';
	tail = (i * 4782969ULL + 1234567ULL) % 10000000ULL; /* 3^14 */
	snprintf(out, 24, "%s%s%07" PRIu64, PICK(wmis, i, 7), mid, tail);
}

static void
row(FILE *f, uint64_t i)
{
	const char *const *city = PICK(cities, i, 3);
	char phone[16], serial[24];
	uint64_t h = mix(i);

	phone_of(i, phone);
	serial_of(i, serial);
	fprintf(f, "%s%s,%s%s%s,%s,%s%s市%s%s%" PRIu64 "号,%s,%s,%s,",
	    PICK(surnames, i, 1), PICK(given, i, 2),
	    city[1], PICK(districts, i, 4), PICK(orgs, i, 5),
	    phone,
	    city[0], city[1], PICK(districts, i, 4),
	    PICK(roads, i, 6), 1 + h % 899,
	    PICK(models, i, 8), serial, PICK(channels, i, 9));
	fprintf(f, "%s；%s，%s。%s。,%s,%" PRIu64 "\n",
	    PICK(symptoms, i, 10), PICK(symptoms, i, 11),
	    PICK(contexts, i, 12), PICK(requests, i, 14),
	    PICK(faults, i, 13), (h >> 20) % 480);
}

static int
usage(void)
{
	fprintf(stderr, "usage: gen csv N | gen keys N COUNT SEED PREFIX\n");
	return 2;
}

int
main(int argc, char **argv)
{
	static char obuf[1 << 20];
	uint64_t n, i, count, seed;

	if (argc < 3)
		return usage();
	n = strtoull(argv[2], NULL, 10);
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	if (strcmp(argv[1], "csv") == 0) {
		fputs("customer_name,customer_org,phone,address,model,serial,"
		    "channel,description,fault_class,distance_km\n", stdout);
		for (i = 0; i < n; i++)
			row(stdout, i);
	} else if (strcmp(argv[1], "keys") == 0 && argc == 6 && n > 0) {
		char phone[16], serial[24];

		count = strtoull(argv[3], NULL, 10);
		seed = strtoull(argv[4], NULL, 10);
		for (i = 0; i < count; i++) {
			uint64_t r = mix(seed * 1000003 + i) % n;

			phone_of(r, phone);
			serial_of(r, serial);
			printf("%s%06" PRIu64 " %s %s\n", argv[5], r + 1,
			    phone, serial);
		}
	} else {
		return usage();
	}
	if (fflush(stdout) != 0) {
		perror("gen: writing");
		return 1;
	}
	return 0;
}
